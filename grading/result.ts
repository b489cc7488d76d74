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
  /** False when the sandbox ran without a network namespace (unshare unavailable here). */
  networkIsolated?: boolean;
}

/** The first `//` comment line of a test cell, as its human title. */
export function testTitle(source: string): string {
  const line = source.split("\n").find((l) => l.trim().startsWith("//"));
  return line ? line.trim().replace(/^\/\/\s*/, "").slice(0, 200) : "";
}
