/**
 * Throughput of the secure grader: 30 typical submissions of one assignment (a mix of correct,
 * partly wrong and untouched notebooks), graded 2 at a time as on a 2-core machine.
 *
 *   node --import tsx bench/grading-throughput.ts [assignment] [count] [jobs]
 *
 * Prints submissions per minute and the wall time; the target is 30 in under 5 minutes.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { gradeBatch } from "../grading/batch";
import { ROOT } from "../grading/paths";

const [assignment = "optimizers", count = "30", jobs = "2"] = process.argv.slice(2);
const source = path.join(ROOT, "notebooks", "homework", "source", assignment, `${assignment}.ipynb`);

/** Variants: the reference, the stubbed release, and the reference with one solution cell stubbed. */
function variants(): string[] {
  const nb = JSON.parse(fs.readFileSync(source, "utf8"));
  const stub = (s: string) => s.replace(/\/\/ BEGIN SOLUTION[\s\S]*?\/\/ END SOLUTION/g, 'throw new Error("not implemented");');
  const src = (c: { source: string | string[] }) => (Array.isArray(c.source) ? c.source.join("") : c.source);
  const solutions = nb.cells.filter((c: { metadata: { nbgrader?: { solution?: boolean } } }) => c.metadata.nbgrader?.solution);
  const out = [JSON.stringify(nb)];
  solutions.forEach((cell: { source: string | string[] }) => {
    const original = src(cell);
    cell.source = stub(original);
    out.push(JSON.stringify(nb));
    cell.source = original;
  });
  for (const c of solutions) c.source = stub(src(c));
  out.push(JSON.stringify(nb));
  return out;
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dlcourse-bench-"));
  const kinds = variants();
  const subs = Array.from({ length: Number(count) }, (_, i) => {
    const notebook = path.join(dir, `student${String(i + 1).padStart(2, "0")}.ipynb`);
    fs.writeFileSync(notebook, kinds[i % kinds.length]);
    return { student: path.basename(notebook, ".ipynb"), notebook };
  });
  const t0 = Date.now();
  const results = await gradeBatch({ assignment, source, submissions: subs, out: path.join(dir, "out"), jobs: Number(jobs) });
  const s = (Date.now() - t0) / 1000;
  const per = results.map((r) => r.seconds).sort((a, b) => a - b);
  console.log(`bench: ${results.length} ${assignment} submissions, ${jobs} at a time, on ${os.cpus().length} cores (load average ${os.loadavg()[0].toFixed(1)})`);
  console.log(`bench: ${s.toFixed(1)} s wall, ${((results.length / s) * 60).toFixed(1)} submissions/min; per submission median ${per[per.length >> 1].toFixed(1)} s, max ${per[per.length - 1].toFixed(1)} s`);
  console.log(`bench: totals ${results.map((r) => r.total).join(" ")}; grader errors: ${results.filter((r) => r.graderErrors.length).length}`);
  fs.rmSync(dir, { recursive: true, force: true });
}

void main();
