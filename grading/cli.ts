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
import { findSubmissions, gradeBatch, gradeOne } from "./batch";
import { closeInheritedFds } from "./fds";
import { release } from "./release";
import { ROOT } from "./paths";
import { describeIsolation, isolationLevel } from "./sandbox/isolation";
import { fileNames, termSafe } from "./safe-text";

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
    const source = sourceOf(a);
    logIsolation();
    const r = await gradeOne(source, { student: path.basename(b ?? fail(USAGE), ".ipynb"), notebook: b }, a);
    // Everything below can carry student text: printed through termSafe, never raw.
    for (const t of r.tests) {
      const d = t.detail ?? t;
      console.log(termSafe(`${t.id.padEnd(28)} ${String(t.points).padStart(5)} / ${t.max}  ${d.message ?? ""}`, true));
      if (t.status !== "passed") for (const l of d.log) console.log(`    ${termSafe(l, true)}`);
    }
    for (const n of [...(r.rejected ? [r.rejected] : []), ...r.notes, ...r.graderErrors]) console.log(`note: ${termSafe(n, true)}`);
    return void console.log(`total ${r.total} / ${r.max} (${r.seconds.toFixed(1)} s)`);
  }
  if (cmd === "batch") {
    const source = sourceOf(a);
    if (!b || !fs.existsSync(b) || !fs.statSync(b).isDirectory()) fail(`batch needs a folder of submissions, got ${b ?? "nothing"}`);
    const subs = findSubmissions(b, a);
    const target = out ?? path.join(ROOT, ".cache", "grades", fileNames([a])[0]);
    const n = jobs ? Number(jobs) : 2;
    if (!Number.isInteger(n) || n < 1) fail(`--jobs expects a positive integer, got ${jobs}`);
    logIsolation();
    const t0 = Date.now();
    const results = await gradeBatch({ assignment: a, source, submissions: subs, out: target, jobs: n });
    const s = (Date.now() - t0) / 1000;
    for (const r of results) console.log(termSafe(`${r.student.padEnd(24)} ${String(r.total).padStart(6)} / ${r.max}${r.graderErrors.length ? "  (review: " + r.graderErrors.join("; ") + ")" : ""}`, true));
    console.log(`grade: ${results.length} submissions in ${s.toFixed(1)} s (${((results.length / s) * 60).toFixed(1)} per minute, ${n} at a time)`);
    return void console.log(`grade: ${path.join(target, "gradebook.csv")} and ${path.join(target, "feedback")}/`);
  }
  fail(USAGE);
}

/** Says on stderr how student code is isolated here; loudly when weaker than bubblewrap as root. */
function logIsolation(): void {
  const l = isolationLevel();
  const line = `grade: isolation: ${describeIsolation(l)}`;
  console.error(l.missing.length ? `\n${"!".repeat(72)}\n${line}\n${"!".repeat(72)}\n` : line);
}

// Ctrl-C and kill still run the exit handlers that remove the graders' temporary folders.
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(sig, () => process.exit(130));
closeInheritedFds();
main(process.argv.slice(2)).catch((e) => fail((e as Error).message));
