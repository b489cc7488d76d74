/**
 * Grades a folder of submissions: one trusted grader process per submission (at most `jobs` at a
 * time), each with a hard wall-clock limit and a heap limit of its own; writes the gradebook CSV
 * and one feedback page per student. Whatever one submission does (a crash or hang of its grader,
 * a result that cannot be read, a file that is not a notebook), it costs only its own row: tests
 * that reported keep their points, the others get 0 with the reason, and the row is flagged.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ROOT } from "./paths";
import type { SandboxLimits } from "./sandbox/sandbox";
import { feedbackHtml } from "./feedback";
import { parseNotebook, roleOf, gradeId } from "./notebook";
import { testTitle, type SubmissionResult, type TestResult } from "./result";
import { csvCell, fileNames } from "./safe-text";
import type { Job } from "./trusted";
export { findSubmissions, type Submission } from "./submissions";
import type { Submission } from "./submissions";

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
  tmpRoot?: string;
}

type Plan = { id: string; title: string; max: number }[];

/** The test cells of the source notebook: the gradebook's columns, whatever the grader reports. */
export function planOf(source: string): Plan {
  const nb = parseNotebook(fs.readFileSync(source, "utf8"));
  return nb.cells.filter((c) => roleOf(c) === "test").map((c) => ({ id: gradeId(c)!, title: testTitle(c.source), max: Number(c.metadata.nbgrader?.points ?? 0) }));
}

/** Temporary folders of graders still running, removed at exit whatever happens. */
const live = new Set<string>();
process.on("exit", () => live.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** Reads the trusted process's result lines into r (a damaged line becomes a grader error); true if it reported "done". */
function readResults(file: string, r: SubmissionResult): boolean {
  let text = "";
  let done = false;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    return false;
  }
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    let m: { type?: string; [k: string]: unknown };
    try {
      m = JSON.parse(line);
    } catch {
      r.graderErrors.push("результат проверки повреждён (неполная строка)");
      continue;
    }
    if (m.type === "test") r.tests.push(m as unknown as TestResult);
    else if (m.type === "rejected") r.rejected = String(m.reason);
    else if (m.type === "grader-error") r.graderErrors.push(String(m.message));
    else if (m.type === "done") {
      Object.assign(r, { notes: m.notes, output: m.output, isolation: m.isolation });
      done = true;
    }
  }
  return done;
}

export interface GradeOneOptions {
  /** Wall-clock limit for the whole submission, ms. Default: 10 minutes. */
  submissionMs?: number;
  limits?: Partial<SandboxLimits>;
  /** Where the grader's temporary folder goes. Default: the OS temp folder. */
  tmpRoot?: string;
  /** V8 heap limit of the trusted process, MiB. Default: 2048. */
  trustedHeapMb?: number;
}

/** Grades one submission in its own trusted process. */
export function gradeOne(source: string, sub: Submission, assignment: string, o: GradeOneOptions = {}): Promise<SubmissionResult> {
  const started = Date.now();
  const r: SubmissionResult = { student: sub.student, assignment, tests: [], total: 0, max: 0, notes: [], graderErrors: [], output: "", seconds: 0 };
  const plan = planOf(source);
  if (sub.problem) return Promise.resolve(finish({ ...r, rejected: `Работа не проверена: ${sub.problem}` }, plan, started));
  const tmp = fs.mkdtempSync(path.join(o.tmpRoot ?? os.tmpdir(), "dlcourse-grade-"));
  fs.chmodSync(tmp, 0o711); // the sandbox uid passes through to box/, lists nothing
  live.add(tmp);
  const job: Job = { source: path.resolve(source), submission: path.resolve(sub.notebook), workDir: path.join(tmp, "box"), resultFile: path.join(tmp, "result.jsonl"), limits: o.limits };
  fs.mkdirSync(job.workDir);
  const child = spawn(process.execPath, [`--max-old-space-size=${o.trustedHeapMb ?? 2048}`, "--import", "tsx", path.join(ROOT, "grading", "trusted.ts"), JSON.stringify(job)], {
    cwd: ROOT,
    env: { ...process.env, DOTENV_CONFIG_QUIET: "true", TF_CPP_MIN_LOG_LEVEL: "2" },
    stdio: ["ignore", "ignore", "pipe"],
    detached: true,
  });
  let stderr = "";
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
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const done = readResults(job.resultFile, r);
      fs.rmSync(tmp, { recursive: true, force: true });
      live.delete(tmp);
      if ((code !== 0 || !done) && !r.graderErrors.length) {
        r.graderErrors.push(`проверяющий процесс завершился ${signal ? `сигналом ${signal}` : `с кодом ${code}`}${done ? "" : " до конца проверки"}: ${stderr.trim().split("\n").slice(-3).join(" ").slice(0, 500)}`);
      }
      resolve(finish(r, plan, started));
    });
  });
}

/** Fills in tests that never reported (rejected or interrupted) with 0 and a reason; totals. */
function finish(r: SubmissionResult, plan: Plan, started: number): SubmissionResult {
  const done = new Map(r.tests.map((t) => [t.id, t]));
  const why = r.rejected ?? (r.graderErrors.length ? "не проверено: проверка прервана" : "не проверено");
  r.tests = plan.map((p) => {
    const t = done.get(p.id);
    // Only the plan's tests count, at most their points: the source says what a test is worth.
    if (t && typeof t.points === "number" && Number.isFinite(t.points)) return { ...t, points: Math.min(Math.max(t.points, 0), p.max), max: p.max };
    return { id: p.id, title: p.title, points: 0, max: p.max, hidden: false, status: "failed" as const, message: why, log: [] };
  });
  r.notes = Array.isArray(r.notes) ? r.notes.map(String) : [];
  r.output = typeof r.output === "string" ? r.output : "";
  r.total = r.tests.reduce((s, t) => s + t.points, 0);
  r.max = plan.reduce((s, p) => s + p.max, 0);
  r.seconds = (Date.now() - started) / 1000;
  return r;
}

/** gradebook.csv: student, assignment, one column per test (points), total, max. */
export function gradebookCsv(results: SubmissionResult[]): string {
  const ids = results[0]?.tests.map((t) => t.id) ?? [];
  const rows: (string | number)[][] = [["student", "assignment", ...ids, "total", "max"]];
  for (const r of results) rows.push([r.student, r.assignment, ...ids.map((id) => r.tests.find((t) => t.id === id)?.points ?? 0), r.total, r.max]);
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
  const names = fileNames(results.map((r) => r.student));
  results.forEach((r, i) => {
    r.feedbackFile = `${names[i]}.html`;
    fs.writeFileSync(path.join(o.out, "feedback", r.feedbackFile), feedbackHtml(r));
  });
  return results;
}
