/**
 * Grades a folder of submissions: one trusted grader process per submission (at most `jobs` at a
 * time), each with a hard wall-clock limit; writes the gradebook CSV and one feedback page per
 * student. A grader process that dies or hangs costs only its own submission, whose finished
 * tests keep their points and whose other tests get 0 with the reason.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "./paths";
import type { SandboxLimits } from "./sandbox/sandbox";
import { feedbackHtml } from "./feedback";
import type { SubmissionResult, TestResult } from "./result";
import type { Job } from "./trusted";

export interface Submission {
  student: string;
  notebook: string;
}

export interface BatchOptions {
  assignment: string;
  /** The instructor's source notebook (with solutions and hidden tests). */
  source: string;
  submissions: Submission[];
  /** Where gradebook.csv and feedback/ go. */
  out: string;
  /** Submissions graded at once. Default: 2. */
  jobs?: number;
  /** Wall-clock limit for one submission, ms. Default: 10 minutes. */
  submissionMs?: number;
  limits?: Partial<SandboxLimits>;
}

/**
 * Finds submissions in nbgrader's layout `<dir>/<student>/<assignment>/<name>.ipynb`, or
 * `<dir>/<student>/<name>.ipynb`, or flat `<dir>/<student>.ipynb`.
 */
export function findSubmissions(dir: string, assignment: string): Submission[] {
  const out: Submission[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, e.name);
    if (e.isFile() && e.name.endsWith(".ipynb")) out.push({ student: e.name.slice(0, -6), notebook: p });
    if (!e.isDirectory()) continue;
    const inner = fs.existsSync(path.join(p, assignment)) ? path.join(p, assignment) : p;
    const nbs = fs.readdirSync(inner).filter((f) => f.endsWith(".ipynb")).sort();
    const pick = nbs.find((f) => f === `${assignment}.ipynb`) ?? nbs[0];
    out.push({ student: e.name, notebook: pick ? path.join(inner, pick) : path.join(inner, `${assignment}.ipynb`) });
  }
  return out;
}

/** Grades one submission in its own trusted process. */
export function gradeOne(source: string, sub: Submission, assignment: string, o: { submissionMs?: number; limits?: Partial<SandboxLimits> } = {}): Promise<SubmissionResult> {
  const started = Date.now();
  const job: Job = { source: path.resolve(source), submission: path.resolve(sub.notebook), limits: o.limits };
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "grading", "trusted.ts"), JSON.stringify(job)], {
    cwd: ROOT,
    env: { ...process.env, DOTENV_CONFIG_QUIET: "true", TF_CPP_MIN_LOG_LEVEL: "2" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const r: SubmissionResult = { student: sub.student, assignment, tests: [], total: 0, max: 0, notes: [], graderErrors: [], output: "", seconds: 0 };
  let plan: { id: string; title: string; max: number }[] = [];
  let buf = "";
  let stderr = "";
  const onLine = (line: string) => {
    if (!line.startsWith("@@grade ")) return;
    const m = JSON.parse(line.slice(8));
    if (m.type === "plan") plan = m.tests;
    else if (m.type === "test") r.tests.push(m as TestResult);
    else if (m.type === "rejected") r.rejected = m.reason;
    else if (m.type === "grader-error") r.graderErrors.push(m.message);
    else if (m.type === "done") Object.assign(r, { notes: m.notes, output: m.output, networkIsolated: m.networkIsolated });
  };
  child.stdout!.on("data", (d: Buffer) => {
    buf += d.toString();
    const lines = buf.split("\n");
    buf = lines.pop()!;
    lines.forEach(onLine);
  });
  child.stderr!.on("data", (d: Buffer) => void (stderr = (stderr + d.toString()).slice(-4000)));
  const limit = o.submissionMs ?? 600_000;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      r.graderErrors.push(`проверка остановлена через ${limit / 1000} с`);
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        /* gone */
      }
    }, limit);
    child.on("close", (code) => {
      clearTimeout(timer);
      if (buf) onLine(buf);
      if (code !== 0 && !r.graderErrors.length) r.graderErrors.push(`проверяющий процесс завершился с кодом ${code}: ${stderr.trim().split("\n").slice(-3).join(" ")}`);
      resolve(finish(r, plan, started));
    });
  });
}

/** Fills in tests that never reported (rejected or interrupted) with 0 and a reason; totals. */
function finish(r: SubmissionResult, plan: { id: string; title: string; max: number }[], started: number): SubmissionResult {
  const done = new Map(r.tests.map((t) => [t.id, t]));
  const why = r.rejected ?? (r.graderErrors.length ? "не проверено: проверка прервана" : "не проверено");
  r.tests = plan.map((p) => done.get(p.id) ?? { id: p.id, title: p.title, points: 0, max: p.max, hidden: false, status: "failed", message: why, log: [] });
  r.total = r.tests.reduce((s, t) => s + t.points, 0);
  r.max = plan.reduce((s, p) => s + p.max, 0);
  r.seconds = (Date.now() - started) / 1000;
  return r;
}

const csvCell = (v: string | number) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
export const safeName = (s: string) => s.replace(/[^\w.-]+/g, "_");

/** gradebook.csv: student, assignment, one column per test (points), total, max. */
export function gradebookCsv(results: SubmissionResult[]): string {
  const ids = results[0]?.tests.map((t) => t.id) ?? [];
  const rows = [["student", "assignment", ...ids, "total", "max"]];
  for (const r of results) rows.push([r.student, r.assignment, ...ids.map((id) => String(r.tests.find((t) => t.id === id)?.points ?? 0)), String(r.total), String(r.max)]);
  return rows.map((row) => row.map(csvCell).join(",")).join("\n") + "\n";
}

/** Grades every submission, `jobs` at a time, and writes the gradebook and the feedback. */
export async function gradeBatch(o: BatchOptions): Promise<SubmissionResult[]> {
  const results: SubmissionResult[] = new Array(o.submissions.length);
  let next = 0;
  const worker = async () => {
    while (next < o.submissions.length) {
      const i = next++;
      results[i] = await gradeOne(o.source, o.submissions[i], o.assignment, o);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, o.jobs ?? 2) }, worker));
  fs.mkdirSync(path.join(o.out, "feedback"), { recursive: true });
  fs.writeFileSync(path.join(o.out, "gradebook.csv"), gradebookCsv(results));
  for (const r of results) fs.writeFileSync(path.join(o.out, "feedback", `${safeName(r.student)}.html`), feedbackHtml(r));
  return results;
}
