/**
 * `npm run grade -- <command>`: the instructor's tool for the course homework.
 *
 *   release <assignment> [--out DIR]            student version via nbgrader generate_assignment
 *   batch <assignment> <submissions> [--out DIR] [--jobs N]
 *                                               grade a folder: DIR/gradebook.csv, DIR/feedback/<student>.html
 *   one <assignment> <notebook>                 grade one notebook, print the result
 *   list                                        the assignments
 *
 * Options: --source DIR (assignments folder; default notebooks/homework/source).
 * Assignments are notebooks/homework/source/<assignment>/<assignment>.ipynb.
 */
import fs from "node:fs";
import path from "node:path";
import { findSubmissions, gradeBatch, gradeOne, safeName } from "./batch";
import { release } from "./release";
import { ROOT } from "./paths";

let SOURCE_ROOT = path.join(ROOT, "notebooks", "homework", "source");
const USAGE = "usage: npm run grade -- release <assignment> [--out DIR] | batch <assignment> <submissions-dir> [--out DIR] [--jobs N] | one <assignment> <notebook> | list";

function fail(msg: string): never {
  console.error(`grade: ${msg}`);
  process.exit(2);
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  if (v == null || v.startsWith("--")) fail(`${name} needs a value`);
  args.splice(i, 2);
  return v;
}

function assignments(): string[] {
  const dir = SOURCE_ROOT;
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((a) => fs.existsSync(path.join(dir, a, `${a}.ipynb`))).sort() : [];
}

function sourceOf(assignment: string | undefined): string {
  if (!assignment) fail(`which assignment? one of: ${assignments().join(", ")}`);
  const p = path.join(SOURCE_ROOT, assignment, `${assignment}.ipynb`);
  if (!fs.existsSync(p)) fail(`no assignment "${assignment}" (expected ${path.relative(ROOT, p)}); known: ${assignments().join(", ")}`);
  return p;
}

async function main(argv: string[]): Promise<void> {
  const args = [...argv];
  const out = option(args, "--out");
  const jobs = option(args, "--jobs");
  SOURCE_ROOT = path.resolve(option(args, "--source") ?? SOURCE_ROOT);
  const [cmd, a, b] = args;
  if (cmd === "list") return void console.log(assignments().join("\n"));
  if (cmd === "release") {
    sourceOf(a);
    const dir = release(a!, out ?? path.join(ROOT, ".cache", "homework"), SOURCE_ROOT);
    return void console.log(`grade: student version of ${a} in ${dir}`);
  }
  if (cmd === "one") {
    const r = await gradeOne(sourceOf(a), { student: path.basename(b ?? fail(USAGE), ".ipynb"), notebook: b }, a);
    for (const t of r.tests) {
      console.log(`${t.id.padEnd(28)} ${String(t.points).padStart(5)} / ${t.max}  ${t.message ?? ""}`);
      if (t.status !== "passed") for (const l of t.log) console.log(`    ${l}`);
    }
    for (const n of [...(r.rejected ? [r.rejected] : []), ...r.notes, ...r.graderErrors]) console.log(`note: ${n}`);
    return void console.log(`total ${r.total} / ${r.max} (${r.seconds.toFixed(1)} s)`);
  }
  if (cmd === "batch") {
    const source = sourceOf(a);
    if (!b || !fs.existsSync(b) || !fs.statSync(b).isDirectory()) fail(`batch needs a folder of submissions, got ${b ?? "nothing"}`);
    const subs = findSubmissions(b, a);
    const target = out ?? path.join(ROOT, ".cache", "grades", safeName(a));
    const n = jobs ? Number(jobs) : 2;
    if (!Number.isInteger(n) || n < 1) fail(`--jobs expects a positive integer, got ${jobs}`);
    const t0 = Date.now();
    const results = await gradeBatch({ assignment: a, source, submissions: subs, out: target, jobs: n });
    const s = (Date.now() - t0) / 1000;
    for (const r of results) console.log(`${r.student.padEnd(24)} ${String(r.total).padStart(6)} / ${r.max}${r.graderErrors.length ? "  (review: " + r.graderErrors.join("; ") + ")" : ""}`);
    if (results.some((r) => r.networkIsolated === false)) {
      console.warn("grade: warning: `unshare --net` is not available here, so student code was not cut off from the network (files and processes were still confined); grade as root or enable user namespaces");
    }
    console.log(`grade: ${results.length} submissions in ${s.toFixed(1)} s (${((results.length / s) * 60).toFixed(1)} per minute, ${n} at a time)`);
    return void console.log(`grade: ${path.join(target, "gradebook.csv")} and ${path.join(target, "feedback")}/`);
  }
  fail(USAGE);
}

main(process.argv.slice(2)).catch((e) => fail((e as Error).message));
