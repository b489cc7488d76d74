/**
 * Reading notebooks the way nbgrader does: nbformat 4 JSON, cells tagged with
 * `metadata.nbgrader = { grade, solution, locked, points, grade_id, checksum }`.
 *
 * The grader trusts only the instructor's source notebook. A submission contributes the source of
 * its solution cells and nothing else; locked and test cells always come from the source.
 */
import { createHash } from "node:crypto";

export interface NbgraderMeta {
  grade?: boolean;
  solution?: boolean;
  locked?: boolean;
  points?: number;
  grade_id?: string;
  checksum?: string;
}

export interface Cell {
  cell_type: string;
  source: string;
  metadata: { nbgrader?: NbgraderMeta; [k: string]: unknown };
}

export interface Notebook {
  cells: Cell[];
  metadata: { kernelspec?: { name?: string; language?: string; display_name?: string }; [k: string]: unknown };
}

/** How a cell takes part in grading. `free` cells (demos, scratch) are never run by the grader. */
export type CellRole = "setup" | "solution" | "test" | "free" | "text";

export const KERNEL_NAME = "dlcourse";
export const LANGUAGE = "typescript";
export const HIDDEN_BEGIN = "BEGIN HIDDEN TESTS";
export const HIDDEN_END = "END HIDDEN TESTS";

const joinSource = (s: unknown): string => (Array.isArray(s) ? s.join("") : typeof s === "string" ? s : "");

/**
 * Parses notebook JSON text, checking only what grading relies on.
 * @throws Error naming what is wrong (`not valid JSON`, `no "cells" list`, ...) for the feedback file
 */
export function parseNotebook(text: string): Notebook {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new Error(`файл — не корректный JSON (${(e as Error).message}); сохраните блокнот заново в Jupyter (File > Save) и сдайте его`);
  }
  const nb = raw as { cells?: unknown; metadata?: unknown; nbformat?: unknown };
  if (nb == null || typeof nb !== "object" || !Array.isArray(nb.cells)) {
    throw new Error('файл — JSON, но не блокнот: в нём нет списка "cells"');
  }
  if (nb.nbformat !== 4) throw new Error(`ожидался блокнот nbformat 4, а это nbformat ${String(nb.nbformat)}`);
  const cells = nb.cells.map((c, i): Cell => {
    const cell = (c ?? {}) as { cell_type?: unknown; source?: unknown; metadata?: unknown };
    if (typeof cell.cell_type !== "string") throw new Error(`у ячейки ${i + 1} нет cell_type`);
    const metadata = cell.metadata && typeof cell.metadata === "object" ? (cell.metadata as Cell["metadata"]) : {};
    return { cell_type: cell.cell_type, source: joinSource(cell.source), metadata };
  });
  const metadata = nb.metadata && typeof nb.metadata === "object" ? (nb.metadata as Notebook["metadata"]) : {};
  return { cells, metadata };
}

/** The role of a cell, from its nbgrader metadata. */
export function roleOf(cell: Cell): CellRole {
  if (cell.cell_type !== "code") return "text";
  const m = cell.metadata.nbgrader;
  if (!m) return "free";
  if (m.solution) return "solution";
  if (m.grade) return "test";
  return m.locked ? "setup" : "free";
}

export const gradeId = (cell: Cell): string | undefined => cell.metadata.nbgrader?.grade_id;

/** nbgrader's cell checksum (utils.compute_checksum), so checksums written by nbgrader can be checked. */
export function checksum(cell: Cell): string {
  const m = cell.metadata.nbgrader ?? {};
  const h = createHash("md5");
  const py = (b: boolean | undefined) => (b ? "True" : "False");
  h.update(cell.source).update(cell.cell_type);
  h.update(py(m.grade)).update(py(m.solution)).update(py(m.locked));
  h.update(m.grade_id ?? "");
  if (m.grade) h.update(pyFloat(Number(m.points ?? 0)));
  return h.digest("hex");
}

/** Python's str(float(x)): 2 -> "2.0", 0.5 -> "0.5". */
function pyFloat(x: number): string {
  return Number.isInteger(x) ? `${x}.0` : String(x);
}

/** A test cell as students see it: the hidden region removed (nbgrader's ClearHiddenTests, line-wise). */
export function withoutHiddenTests(source: string): string {
  const out: string[] = [];
  let hidden = false;
  for (const line of source.split("\n")) {
    if (line.includes(HIDDEN_BEGIN)) hidden = true;
    else if (line.includes(HIDDEN_END)) hidden = false;
    else if (!hidden) out.push(line);
  }
  return out.join("\n");
}

const normalize = (s: string) => s.replace(/\r\n/g, "\n").trim();

/** True when a submitted locked cell still says what the released one said. */
export function sameAsReleased(sourceCell: Cell, submitted: Cell): boolean {
  const released = roleOf(sourceCell) === "test" ? withoutHiddenTests(sourceCell.source) : sourceCell.source;
  return normalize(released) === normalize(submitted.source);
}
