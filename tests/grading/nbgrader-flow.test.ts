/**
 * The whole nbgrader flow with the course config and kernel, on the small fixture assignment:
 * generate_assignment -> autograde -> generate_feedback -> export.
 */
import { before, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { checksum, parseNotebook } from "../../grading/notebook";
import { nbgrader, prepareCourse } from "../../grading/release";
import { FIXTURE_COURSE, GOOD_ADD, GOOD_MEAN, tempDir } from "./helpers";

type Nb = { cells: { cell_type: string; source: string | string[]; metadata: { nbgrader?: Record<string, unknown> }; outputs?: unknown[] }[]; metadata: Record<string, unknown> };
const text = (s: string | string[]) => (Array.isArray(s) ? s.join("") : s);

let course: string;
let released: Nb;
let csv: string[];

function submit(student: string, cells: Record<string, string>): void {
  const nb: Nb = JSON.parse(JSON.stringify(released));
  for (const c of nb.cells) {
    const id = c.metadata.nbgrader?.grade_id as string | undefined;
    if (id != null && id in cells) c.source = cells[id];
  }
  const dir = path.join(course, "submitted", student, "mini");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "mini.ipynb"), JSON.stringify(nb));
}

before(() => {
  course = tempDir("dlcourse-nbgrader-");
  prepareCourse(course, ["mini"], path.join(FIXTURE_COURSE, "source"));
  nbgrader(course, ["generate_assignment", "mini", "--force"]);
  released = JSON.parse(fs.readFileSync(path.join(course, "release", "mini", "mini.ipynb"), "utf8"));
  submit("alice", { add: GOOD_ADD, mean: GOOD_MEAN });
  submit("bob", { add: "function add(a: number, b: number): number {\n  return a - b;\n}", mean: "function mean(xs: number[]): number {\n  return xs.length === 1 ? xs[0] : 0;\n}" });
  submit("carol", {});
  nbgrader(course, ["autograde", "mini", "--force"]);
  nbgrader(course, ["generate_feedback", "mini", "--force"]);
  nbgrader(course, ["export", "--to", path.join(course, "grades.csv")]);
  csv = fs.readFileSync(path.join(course, "grades.csv"), "utf8").trim().split("\n");
});

test("generate_assignment puts the TypeScript stub in solution cells and removes hidden tests", () => {
  const byId = Object.fromEntries(released.cells.map((c) => [c.metadata.nbgrader?.grade_id, text(c.source)]));
  assert.match(byId.add, /\/\/ YOUR CODE HERE\n\s*throw new Error\("not implemented"\);/);
  assert.ok(!byId.add.includes("return a + b"), "the solution leaked into the release");
  assert.ok(!byId.test_add.includes("-6.5") && !byId.test_add.includes("HIDDEN"), byId.test_add);
  assert.ok(byId.test_add.includes('close(await add(2, 3), 5, "add(2, 3)")'), "visible tests stay");
  assert.equal((released.metadata.kernelspec as { name: string }).name, "dlcourse");
});

test("our checksum is nbgrader's: it matches every checksum generate_assignment wrote", () => {
  const nb = parseNotebook(fs.readFileSync(path.join(course, "release", "mini", "mini.ipynb"), "utf8"));
  const withSum = nb.cells.filter((c) => c.metadata.nbgrader?.checksum);
  assert.ok(withSum.length >= 4, `expected checksums on setup, solution and test cells, got ${withSum.length}`);
  for (const c of withSum) assert.equal(checksum(c), c.metadata.nbgrader!.checksum, c.metadata.nbgrader!.grade_id);
});

test("autograde gives full, partial (a test cell's numeric value) and zero credit; export writes them", () => {
  const score = (student: string) => {
    const row = csv.find((l) => l.split(",")[3] === student);
    assert.ok(row, `${student} missing from ${csv.join("\n")}`);
    return Number(row.split(",")[7]);
  };
  assert.equal(score("alice"), 3);
  assert.equal(score("bob"), 1, "bob: add fails (0 of 1), mean passes one case of two (1 of 2)");
  assert.equal(score("carol"), 0);
});

test("autograding restores the hidden tests and runs them", () => {
  const graded: Nb = JSON.parse(fs.readFileSync(path.join(course, "autograded", "alice", "mini", "mini.ipynb"), "utf8"));
  const testAdd = graded.cells.find((c) => c.metadata.nbgrader?.grade_id === "test_add")!;
  assert.ok(text(testAdd.source).includes("add(-7, 0.5)"));
});

test("generate_feedback writes HTML per student without hidden test code or tracebacks of test cells", () => {
  for (const student of ["alice", "bob", "carol"]) {
    const html = fs.readFileSync(path.join(course, "feedback", student, "mini", "mini.html"), "utf8");
    assert.ok(!html.includes("BEGIN HIDDEN TESTS") && !html.includes("add(-7, 0.5)"), `${student}: hidden test code in feedback`);
  }
  const bob = fs.readFileSync(path.join(course, "feedback", "bob", "mini", "mini.html"), "utf8");
  assert.ok(bob.includes("expected 5, got -1"), "bob's feedback says why add failed");
});
