/** Builds submissions of the `mini` fixture assignment (add: 1 point, hidden; mean: 2 points, partial). */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export const FIXTURE_COURSE = path.resolve(__dirname, "..", "fixtures", "grading", "course");
export const MINI_SOURCE = path.join(FIXTURE_COURSE, "source", "mini", "mini.ipynb");

export const GOOD_ADD = "function add(a: number, b: number): number {\n  return a + b;\n}";
export const GOOD_MEAN = "function mean(xs: number[]): number {\n  return xs.reduce((s, x) => s + x, 0) / xs.length;\n}";
/** Memory bombs: `add` fills 64 MiB buffers (outside V8's heap), `mean` fills the V8 heap. */
export const BUFFER_BOMB = "function add(a: number, b: number): number {\n  const keep: Buffer[] = [];\n  while (true) keep.push(Buffer.alloc(1 << 26, 1));\n}";
export const HEAP_BOMB = "function mean(xs: number[]): number {\n  const keep: number[][] = [];\n  while (true) keep.push(new Array(1e6).fill(Math.random()));\n}";

type Json = { cells: { cell_type: string; source: string | string[]; metadata: { nbgrader?: { grade_id?: string } } }[]; [k: string]: unknown };

export function readNotebook(p = MINI_SOURCE): Json {
  return JSON.parse(fs.readFileSync(p, "utf8"));
}

/** The source notebook with the given cells' sources replaced (by grade_id). */
export function submission(cells: Record<string, string>, edit?: (nb: Json) => void): string {
  const nb = readNotebook();
  for (const c of nb.cells) {
    const id = c.metadata.nbgrader?.grade_id;
    if (id != null && id in cells) c.source = cells[id];
  }
  // Students get the released version: hidden tests removed.
  for (const c of nb.cells) {
    const src = Array.isArray(c.source) ? c.source.join("") : c.source;
    c.source = src.replace(/\/\/ BEGIN HIDDEN TESTS[\s\S]*?\/\/ END HIDDEN TESTS\n?/g, "");
  }
  edit?.(nb);
  return JSON.stringify(nb);
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export const HOMEWORK_SOURCE = path.resolve(__dirname, "..", "..", "notebooks", "homework", "source");
export const sourceOf = (assignment: string) => path.join(HOMEWORK_SOURCE, assignment, `${assignment}.ipynb`);

const STUB = '// YOUR CODE HERE\nthrow new Error("not implemented");';

/**
 * What a student would submit: the released version (solution regions replaced by the stub,
 * hidden tests removed, as nbgrader's ClearSolutions and ClearHiddenTests do), with some cells
 * replaced by the given sources (by grade_id).
 */
export function studentVersion(sourcePath: string, cells: Record<string, string> = {}): string {
  const nb: Json = JSON.parse(fs.readFileSync(sourcePath, "utf8"));
  for (const c of nb.cells) {
    const id = c.metadata.nbgrader?.grade_id;
    let src = Array.isArray(c.source) ? c.source.join("") : c.source;
    src = src.replace(/^([ \t]*)\/\/ BEGIN SOLUTION[\s\S]*?\/\/ END SOLUTION[^\n]*/gm, (_, indent: string) => STUB.split("\n").map((l) => indent + l).join("\n"));
    src = src.replace(/^[ \t]*\/\/ BEGIN HIDDEN TESTS[\s\S]*?\/\/ END HIDDEN TESTS[^\n]*\n?/gm, "");
    c.source = id != null && id in cells ? cells[id] : src;
  }
  return JSON.stringify(nb);
}

/** A solution cell of the source notebook with `from` replaced by `to` (a seeded bug). */
export function mutated(sourcePath: string, gradeId: string, from: string | RegExp, to: string): string {
  const nb: Json = JSON.parse(fs.readFileSync(sourcePath, "utf8"));
  const cell = nb.cells.find((c) => c.metadata.nbgrader?.grade_id === gradeId);
  if (!cell) throw new Error(`mutated: no cell ${gradeId} in ${sourcePath}`);
  const src = Array.isArray(cell.source) ? cell.source.join("") : cell.source;
  const out = src.replace(from, to);
  if (out === src) throw new Error(`mutated: ${String(from)} not found in ${gradeId}`);
  return out;
}
