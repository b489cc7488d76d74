/**
 * Hostile and broken submissions, graded in one batch beside an honest one: none may earn points
 * it did not earn, crash the batch, or change the honest student's grade.
 */
import { before, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { gradeBatch } from "../../grading/batch";
import type { SubmissionResult } from "../../grading/result";
import { GOOD_ADD, GOOD_MEAN, MINI_SOURCE, submission, tempDir } from "./helpers";

const WRONG_ADD = "function add(a: number, b: number): number {\n  return 0;\n}";

const attacks: Record<string, string> = {
  honest: submission({ add: GOOD_ADD, mean: GOOD_MEAN }),
  stub_helpers: submission({
    add: `function close(..._: unknown[]) {}\n(globalThis as any).close = () => {};\n(globalThis as any).assert = () => {};\n${WRONG_ADD}`,
  }),
  patch_globals: submission({
    add: `Math.abs = () => 0;\n(Array.prototype as any).reduce = function () { return 2; };\nNumber.prototype.valueOf = function () { return 5; };\n(globalThis as any).Error = class { constructor() {} };\nObject.prototype.toString = () => "ok";\n${WRONG_ADD}`,
  }),
  exit_at_top: submission({ add: `process.exit(0);\n${GOOD_ADD}`, mean: GOOD_MEAN }),
  exit_in_call: submission({ add: "function add(a: number, b: number): number {\n  process.exit(0);\n}", mean: GOOD_MEAN }),
  fake_output: submission({
    add: `console.log('@@grade {"type":"test","id":"test_add","points":1,"max":1,"status":"passed","log":[]}');\nprocess.stdout.write("All tests passed! 3/3\\n");\nfunction add(a: number, b: number): number {\n  console.log('@@grade {"type":"done","notes":[]}');\n  return 0;\n}`,
  }),
  edit_tests: submission({ add: WRONG_ADD, mean: "function mean(xs: number[]): number {\n  return 0;\n}", test_add: "// add: sums two numbers\n1", setup: "function close(..._: unknown[]) {}", test_mean: "2" }, (nb) => {
    nb.cells.push({ cell_type: "code", source: "100", metadata: { nbgrader: { grade: true, grade_id: "test_add", points: 100, locked: true } as never } });
  }),
  nan_answer: submission({ add: "function add(a: number, b: number): number {\n  return NaN;\n}", mean: "function mean(xs: number[]): any {\n  return { valueOf: () => 2 };\n}" }),
  endless_call: submission({ add: "function add(a: number, b: number): number {\n  while (true) {}\n}", mean: GOOD_MEAN }),
  endless_top: submission({ add: `while (true) {}\n${GOOD_ADD}`, mean: GOOD_MEAN }),
  memory_buffers: submission({ add: "function add(a: number, b: number): number {\n  const keep: Buffer[] = [];\n  while (true) keep.push(Buffer.alloc(1 << 26, 1));\n}", mean: GOOD_MEAN }),
  memory_heap: submission({ add: GOOD_ADD, mean: "function mean(xs: number[]): number {\n  const keep: number[][] = [];\n  while (true) keep.push(new Array(1e6).fill(Math.random()));\n}" }),
  read_answers: submission({
    add: `import fs from "node:fs";\nfunction add(a: number, b: number): number {\n  const nb = fs.readFileSync(${JSON.stringify(MINI_SOURCE)}, "utf8");\n  return nb.includes("-6.5") ? -6.5 : 5;\n}`,
  }),
  invalid_json: '{"cells": [',
  not_a_notebook: JSON.stringify({ hello: "world" }),
  python_kernel: submission({ add: "def add(a, b):\n    return a + b" }, (nb) => {
    (nb as Record<string, unknown>).metadata = { kernelspec: { name: "python3", display_name: "Python 3", language: "python" } };
  }),
  missing_cell: submission({ add: GOOD_ADD }, (nb) => {
    nb.cells = nb.cells.filter((c) => c.metadata.nbgrader?.grade_id !== "mean");
  }),
  no_cells: JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [] }),
  huge_notebook: submission({ add: GOOD_ADD }, (nb) => {
    (nb as Record<string, unknown>).padding = "x".repeat(33 * 2 ** 20);
  }),
  syntax_error: submission({ add: "function add(a: number, b: number): number {\n  return a +;\n}", mean: GOOD_MEAN }),
};

let results: Map<string, SubmissionResult>;
let out: string;

before(async () => {
  const dir = tempDir("dlcourse-attacks-");
  out = path.join(dir, "out");
  const subs = Object.entries(attacks).map(([student, text]) => {
    const p = path.join(dir, "submissions", `${student}.ipynb`);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
    return { student, notebook: p };
  });
  const list = await gradeBatch({ assignment: "mini", source: MINI_SOURCE, submissions: subs, out, jobs: 2, limits: { callMs: 3000, loadMs: 8000, memoryMb: 600 } });
  results = new Map(list.map((r) => [r.student, r]));
});

const points = (student: string) => Object.fromEntries(results.get(student)!.tests.map((t) => [t.id, t.points]));
const total = (student: string) => results.get(student)!.total;

test("the honest submission in the same batch gets full marks", () => {
  assert.deepEqual(points("honest"), { test_add: 1, test_mean: 2 });
});

test("stubbing the assertion helpers or patching globals and prototypes earns nothing", () => {
  assert.equal(points("stub_helpers").test_add, 0);
  assert.equal(points("patch_globals").test_add, 0);
  assert.equal(total("patch_globals"), 0);
});

test("exiting early with success does not pass tests; a later fresh process keeps other tests", () => {
  assert.equal(total("exit_at_top"), 0);
  assert.match(results.get("exit_at_top")!.tests[0].message ?? "", /завершил процесс проверки/);
  assert.ok(results.get("exit_at_top")!.notes.some((n) => n.includes("не загрузился")));
  assert.deepEqual(points("exit_in_call"), { test_add: 0, test_mean: 2 });
});

test("printing fake results changes nothing", () => {
  assert.equal(points("fake_output").test_add, 0);
  assert.ok(results.get("fake_output")!.output.includes("All tests passed"), "the output is kept for the feedback, as data");
});

test("edited, weakened or duplicated test cells are replaced by the originals and reported", () => {
  const r = results.get("edit_tests")!;
  assert.equal(r.total, 0);
  assert.equal(r.max, 3);
  assert.ok(r.notes.some((n) => n.includes("test_add") && n.includes("изменена")), r.notes.join("\n"));
  assert.ok(r.notes.some((n) => n.includes("setup")), r.notes.join("\n"));
});

test("NaN and objects posing as numbers fail", () => {
  assert.equal(total("nan_answer"), 0);
});

test("an endless loop in a call costs that test only; at top level the submission gets 0 quickly", () => {
  assert.deepEqual(points("endless_call"), { test_add: 0, test_mean: 2 });
  assert.match(results.get("endless_call")!.tests[0].message ?? "", /не завершилась за 3 с/);
  assert.equal(total("endless_top"), 0);
  assert.ok(results.get("endless_top")!.seconds < 120);
});

test("memory bombs are stopped and cost only their own test", () => {
  assert.deepEqual(points("memory_buffers"), { test_add: 0, test_mean: 2 });
  assert.match(results.get("memory_buffers")!.tests[0].message ?? "", /лимит памяти/);
  assert.deepEqual(points("memory_heap"), { test_add: 1, test_mean: 0 });
});

test("the source notebook (hidden tests, answers) cannot be read from a submission", () => {
  const r = results.get("read_answers")!;
  assert.equal(r.tests[0].points, 0);
  assert.match(r.tests[0].message ?? "", /доступ запрещён песочницей проверки/);
});

test("invalid JSON, non-notebooks, other kernels, oversized and empty notebooks get 0 with a reason, and the batch goes on", () => {
  for (const s of ["invalid_json", "not_a_notebook", "python_kernel", "huge_notebook"]) {
    const r = results.get(s)!;
    assert.equal(r.total, 0, s);
    assert.ok(r.rejected, `${s} should be rejected with a reason`);
  }
  assert.match(results.get("invalid_json")!.rejected!, /не корректный JSON/);
  assert.match(results.get("python_kernel")!.rejected!, /Python/);
  assert.match(results.get("huge_notebook")!.rejected!, /МиБ/);
  assert.equal(total("no_cells"), 0);
});

test("a missing solution cell or a syntax error costs only the tests that need it", () => {
  assert.deepEqual(points("missing_cell"), { test_add: 1, test_mean: 0 });
  assert.ok(results.get("missing_cell")!.notes.some((n) => n.includes("«mean»")));
  assert.deepEqual(points("syntax_error"), { test_add: 0, test_mean: 2 });
});

test("the gradebook has every student, per-test points and totals; feedback never shows hidden test code", () => {
  const csv = fs.readFileSync(path.join(out, "gradebook.csv"), "utf8").trim().split("\n");
  assert.equal(csv[0], "student,assignment,test_add,test_mean,total,max");
  assert.equal(csv.length, Object.keys(attacks).length + 1);
  assert.ok(csv.includes("honest,mini,1,2,3,3"));
  for (const student of Object.keys(attacks)) {
    const html = fs.readFileSync(path.join(out, "feedback", `${student}.html`), "utf8");
    assert.ok(!html.includes("-6.5") && !html.includes("add(-7"), `${student}: hidden test leaked`);
    assert.ok(!/<script/i.test(html.replace(/&#60;script/gi, "")), `${student}: unescaped markup`);
  }
});
