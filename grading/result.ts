/** What grading one submission produces, shared by the grader, the gradebook and the feedback. */

export interface TestResult {
  /** nbgrader grade_id of the test cell. */
  id: string;
  /** The test cell's first comment line, if any. */
  title: string;
  points: number;
  max: number;
  /** True when the cell has hidden tests (its failures are shown without code). */
  hidden: boolean;
  status: "passed" | "partial" | "failed";
  /** Why it failed: an error message, never test code. */
  message?: string;
  /** What the test printed (partial-credit checks list their failures there). */
  log: string[];
  /**
   * For cells with hidden tests: the full message and log, for the instructor only (`grade one`).
   * `message` and `log` then say what failed without the values (see `redactHidden`).
   */
  detail?: { message?: string; log: string[] };
}

export interface SubmissionResult {
  student: string;
  assignment: string;
  tests: TestResult[];
  total: number;
  max: number;
  /** Set when the submission could not be graded at all (not a notebook, wrong kernel). */
  rejected?: string;
  /** Edited or missing cells, errors in the student's cells. */
  notes: string[];
  /** Problems of the grader itself (not the student's fault): review by hand. */
  graderErrors: string[];
  /** The tail of what the student's code printed. */
  output: string;
  seconds: number;
  /** The feedback page's file name in feedback/ (unique in the batch). */
  feedbackFile?: string;
  /** How the student's process was isolated: `bwrap`, `unshare` or `none`, and what was missing. */
  isolation?: { mechanism: string; missing: string[] };
}

/** Notes for the feedback: deduplicated, each at most 300 characters, at most 50 (then a count). */
export class Notes {
  private items: string[] = [];
  private dropped = 0;

  add(note: string): void {
    const n = note.length > 300 ? `${note.slice(0, 300)}…` : note;
    if (this.items.includes(n)) return;
    if (this.items.length < 50) this.items.push(n);
    else this.dropped++;
  }

  list(): string[] {
    return this.dropped ? [...this.items, `…и ещё ${this.dropped} замечаний`] : [...this.items];
  }
}

/** Failure reasons that speak of the student's process, not of the test's values: safe to show. */
const SAFE = [/лимит памяти/, /не завершилась за [\d.]+ с/, /завершил процесс проверки/, /не определена как функция/, /ответ слишком большой/];

/**
 * A failed cell with hidden tests, as the student may see it: which checks passed or failed
 * (scoreParts' `✔ name` / `✘ name` lines, without the reason), and why in general, but no
 * expected value, no hidden input (a student's function could echo its arguments in an error
 * message) and nothing else the test printed.
 */
export function redactHidden(r: TestResult): TestResult {
  if (!r.hidden) return r;
  const log = r.log.flatMap((l) => (/^[✔◐]/.test(l) ? [l] : l.startsWith("✘") ? [l.split(":")[0]] : []));
  const safe = r.message ? SAFE.find((re) => re.test(r.message!)) : undefined;
  const message = r.message == null ? undefined : `скрытая проверка не пройдена${safe ? ` (${safe.exec(r.message)![0]})` : ""}; подробности скрытых тестов не показываются`;
  return { ...r, message, log, detail: { message: r.message, log: r.log } };
}

/** The first `//` comment line of a test cell, as its human title. */
export function testTitle(source: string): string {
  const line = source.split("\n").find((l) => l.trim().startsWith("//"));
  return line ? line.trim().replace(/^\/\/\s*/, "").slice(0, 200) : "";
}
