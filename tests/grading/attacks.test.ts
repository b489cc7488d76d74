/**
 * Hostile and broken submissions, graded in one batch of 30+ beside honest and blank ones, found in
 * a submissions folder the way an instructor collects it (so links, clashing names and stray files
 * are part of the attack): none may earn points it did not earn, crash the batch, change an honest
 * student's grade, or make the gradebook and the feedback lie. Each attack has its own test below.
 */
import { before, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import net from "node:net";
import { findSubmissions, gradeBatch } from "../../grading/batch";
import type { SubmissionResult } from "../../grading/result";
import { BUFFER_BOMB, GOOD_ADD, GOOD_MEAN, HEAP_BOMB, MINI_SOURCE, submission, tempDir } from "./helpers";

const WRONG_ADD = "function add(a: number, b: number): number {\n  return 0;\n}";
const WRONG_MEAN = "function mean(xs: number[]): number {\n  return 0;\n}";
const SOCKET_DIR = tempDir("dlcourse-hostsock-");
const SOCKET = path.join(SOCKET_DIR, "host.sock");
/** An `add` that answers with what a probe saw: the visible test's message then shows it. */
const probe = (body: string) => `function add(a: number, b: number): any {\n${body}\n}`;

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
  memory_buffers: submission({ add: BUFFER_BOMB, mean: GOOD_MEAN }),
  memory_heap: submission({ add: GOOD_ADD, mean: HEAP_BOMB }),
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
  plainly_wrong: submission({ add: WRONG_ADD, mean: WRONG_MEAN }),
  blank: submission({ add: 'function add(a: number, b: number): number {\n  throw new Error("not implemented");\n}', mean: 'function mean(xs: number[]): number {\n  throw new Error("not implemented");\n}' }),
  // 300 markdown cells with long duplicate grade_ids: once a result line too long to survive exit.
  many_duplicates: submission({ add: WRONG_ADD, mean: WRONG_MEAN }, (nb) => {
    for (let i = 0; i < 300; i++) nb.cells.push({ cell_type: "markdown", source: "x", metadata: { nbgrader: { grade_id: "add" + "z".repeat(4000) } as never } });
  }),
  sparse_answer: submission({ add: WRONG_ADD, mean: "function mean(xs: number[]): any {\n  const a: number[] = [];\n  a.length = 2 ** 32 - 1;\n  a[5] = 1;\n  return a;\n}" }),
  echo_hidden: submission({ add: "console.log(\"LOADED\");\nfunction add(a: number, b: number): number {\n  console.log(`ECHO ${a} ${b}`);\n  if (a !== 2) throw new Error(`ECHO args ${a} and ${b}`);\n  return 0;\n}", mean: WRONG_MEAN }),
  signal_probe: submission({ add: probe(`const seen: string[] = [];\nfor (const pid of [-1, process.ppid, 1]) { try { process.kill(pid, 0); seen.push("signalled " + pid); } catch (e) { seen.push((e as any).code); } }\nreturn seen.join(" ");`), mean: WRONG_MEAN }),
  unix_socket: submission({ add: probe(`const net = require("node:net");\nreturn new Promise((res) => { const c = net.connect(${JSON.stringify(SOCKET)}); c.on("data", (d: any) => res("GOT " + d)); c.on("error", (e: any) => res(e.code)); });`), mean: WRONG_MEAN }),
  terminal_escapes: submission({ add: probe(`console.log("\\x1b[2K\\r\\x1b]0;owned\\x07 test_add 1 / 1 \\x1b[8m hidden");\nthrow new Error("\\x1b[1A\\x1b[2Ktotal 3 / 3");`), mean: WRONG_MEAN }),
};

/** Entries that are not plain notebook files: links, clashing names, stray files, special files. */
function layout(dir: string): void {
  const at = (p: string, text: string) => (fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true }), fs.writeFileSync(path.join(dir, p), text));
  const honest = submission({ add: GOOD_ADD, mean: GOOD_MEAN });
  fs.symlinkSync(MINI_SOURCE, path.join(dir, "link_absolute.ipynb"));
  fs.symlinkSync(path.relative(dir, MINI_SOURCE), path.join(dir, "link_relative.ipynb"));
  fs.symlinkSync("/etc/passwd", path.join(dir, "link_passwd.ipynb"));
  fs.mkdirSync(path.join(dir, "link_folder"));
  fs.symlinkSync(path.dirname(MINI_SOURCE), path.join(dir, "link_folder", "mini"));
  at("stray_file/mini", "not a folder"); // beside stray_file/mini.ipynb: once ENOTDIR for the whole batch
  at("stray_file/mini.ipynb", honest);
  at("Иванов/mini/mini.ipynb", honest);
  at("Петров/mini/mini.ipynb", submission({ add: WRONG_ADD, mean: GOOD_MEAN }));
  at("alice/mini/mini.ipynb", honest);
  at("alice.ipynb", submission({ add: WRONG_ADD, mean: WRONG_MEAN }));
  at("=SUM(4+5)/mini.ipynb", submission({ add: WRONG_ADD, mean: WRONG_MEAN }));
  spawnSync("mkfifo", [path.join(dir, "fifo.ipynb")]);
  at("README.txt", "not a submission");
}

let results: Map<string, SubmissionResult>;
let out: string;

let hostSocket: net.Server;
let tmpRoot: string;

before(async () => {
  const dir = tempDir("dlcourse-attacks-");
  out = path.join(dir, "out");
  tmpRoot = path.join(dir, "tmp");
  fs.mkdirSync(tmpRoot);
  const folder = path.join(dir, "submissions");
  fs.mkdirSync(folder);
  for (const [student, text] of Object.entries(attacks)) fs.writeFileSync(path.join(folder, `${student}.ipynb`), text);
  layout(folder);
  hostSocket = net.createServer((c) => c.end("host secret")).listen(SOCKET);
  await new Promise((r) => hostSocket.once("listening", r));
  fs.chmodSync(SOCKET_DIR, 0o755);
  fs.chmodSync(SOCKET, 0o777); // reachable by anyone who can see it: only the filesystem view protects it
  const subs = findSubmissions(folder, "mini");
  const list = await gradeBatch({ assignment: "mini", source: MINI_SOURCE, submissions: subs, out, jobs: 2, tmpRoot, limits: { callMs: 3000, loadMs: 8000, memoryMb: 600 } });
  results = new Map(list.map((r) => [r.student, r]));
  hostSocket.close();
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

// Which limit stops a bomb first depends on how much CPU this machine spends handing out fresh
// memory (CI once hit the 3 s budget first, most likely a fresh VM's slow first-touch memory; here
// 600 MiB costs ~0.3 s): both limits are right. memory-limits.test.ts gives the bombs a CPU budget
// they cannot reach and checks that the memory limit is named.
test("memory bombs are stopped and cost only their own test", () => {
  assert.deepEqual(points("memory_buffers"), { test_add: 0, test_mean: 2 });
  assert.match(results.get("memory_buffers")!.tests[0].message ?? "", /лимит памяти|не завершилась за 3 с/);
  assert.deepEqual(points("memory_heap"), { test_add: 1, test_mean: 0 });
});

test("the source notebook (hidden tests, answers) cannot be read from a submission", () => {
  const r = results.get("read_answers")!;
  assert.equal(r.tests[0].points, 0);
  assert.match(r.tests[0].detail?.message ?? "", /доступ запрещён песочницей проверки/);
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
  assert.equal(csv.length, results.size + 1);
  assert.ok(results.size >= 30, `a batch of 30 or more, got ${results.size}`);
  assert.ok(csv.includes("honest,mini,1,2,3,3"));
  for (const r of results.values()) {
    const html = fs.readFileSync(path.join(out, "feedback", r.feedbackFile!), "utf8");
    assert.ok(!html.includes("-6.5") && !html.includes("add(-7"), `${r.student}: hidden test leaked`);
    assert.ok(!/<script/i.test(html.replace(/&#60;script/gi, "")), `${r.student}: unescaped markup`);
  }
});

test("one feedback page per student, with readable and unique names", () => {
  const pages = fs.readdirSync(path.join(out, "feedback"));
  assert.equal(pages.length, results.size);
  assert.ok(pages.includes("Иванов.html") && pages.includes("Петров.html"), pages.join(" "));
  assert.ok(fs.readFileSync(path.join(out, "feedback", "Иванов.html"), "utf8").includes("3 из 3"));
  assert.ok(fs.readFileSync(path.join(out, "feedback", "Петров.html"), "utf8").includes("2 из 3"));
});

test("honest students keep their marks; no hostile submission scores above a plainly wrong one", () => {
  for (const s of ["honest", "stray_file", "Иванов", "alice"]) assert.equal(total(s), 3, s);
  const wrong = total("plainly_wrong");
  assert.equal(total("blank"), 0);
  for (const s of ["many_duplicates", "sparse_answer", "echo_hidden", "signal_probe", "unix_socket", "terminal_escapes", "link_absolute", "link_relative", "link_passwd", "link_folder", "fifo", "edit_tests", "nan_answer"]) {
    assert.ok(results.has(s), `row for ${s}`);
    assert.ok(total(s) <= wrong, `${s}: ${total(s)} > ${wrong}`);
  }
  // These attack add() only (mean() is the reference): the attacked test earns nothing.
  for (const s of ["stub_helpers", "patch_globals", "fake_output", "read_answers"]) assert.ok(points(s).test_add <= points("plainly_wrong").test_add, s);
});

test("a result too large for one pipe write (300 duplicate grade_ids) is read whole: a normal row", () => {
  const r = results.get("many_duplicates")!;
  assert.deepEqual(r.graderErrors, []);
  assert.ok(r.notes.length <= 51 && r.notes.some((n) => n.includes("несколько раз")), r.notes.join("\n"));
});

test("a plain file where a folder is expected does not stop the batch (once ENOTDIR, exit 2)", () => {
  assert.deepEqual(points("stray_file"), { test_add: 1, test_mean: 2 });
});

test("links are not submissions: to the source notebook, relative or absolute, a folder, /etc/passwd", () => {
  for (const s of ["link_absolute", "link_relative", "link_passwd", "link_folder"]) {
    assert.equal(total(s), 0, s);
    assert.match(results.get(s)!.rejected ?? "", /символическая ссылка/, s);
  }
  const passwd = fs.readFileSync(path.join(out, "feedback", results.get("link_passwd")!.feedbackFile!), "utf8");
  assert.ok(!passwd.includes("root:"), "no /etc/passwd content in the feedback");
  assert.match(results.get("fifo")!.rejected ?? "", /не обычный файл/);
});

test("a folder and a file of one name stay two rows with two pages", () => {
  assert.equal(total("alice"), 3);
  assert.equal(total("alice.ipynb"), 0);
  assert.notEqual(results.get("alice")!.feedbackFile, results.get("alice.ipynb")!.feedbackFile);
});

test("a folder named like a formula is text in the gradebook", () => {
  const csv = fs.readFileSync(path.join(out, "gradebook.csv"), "utf8");
  assert.ok(csv.includes("\n'=SUM(4+5),mini,"), csv);
  assert.ok(!/\n=/.test(csv));
});

test("a sparse array of length 2^32-1 as an answer fails its test without harming the grader", () => {
  const r = results.get("sparse_answer")!;
  assert.deepEqual(r.graderErrors, []);
  assert.equal(r.tests[1].points, 0);
  assert.match(r.tests[1].log.join("\n"), /слишком большой/);
});

test("hidden inputs and expected values do not reach the feedback, through errors or printing", () => {
  const html = fs.readFileSync(path.join(out, "feedback", results.get("echo_hidden")!.feedbackFile!), "utf8");
  assert.ok(html.includes("LOADED"), "what the notebook printed while loading is still shown");
  assert.ok(!html.includes("ECHO -7") && !html.includes("ECHO args -7") && !html.includes("0.5"), html);
  assert.match(html, /подробности скрытых тестов не показываются/);
});

test("the student process sees no host process and no host socket", () => {
  const seen = results.get("signal_probe")!.tests[0].detail?.message ?? "";
  assert.match(seen, /got /);
  assert.ok(!seen.includes("signalled"), seen);
  const sock = results.get("unix_socket")!.tests[0].detail?.message ?? "";
  assert.ok(!sock.includes("GOT host secret"), sock);
});

test("no grader leaves its temporary folder behind", () => {
  assert.deepEqual(fs.readdirSync(tmpRoot), []);
});
