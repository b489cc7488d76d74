/**
 * The CIFAR-10 training assignment: the reference model passes every threshold on a held-out set
 * the hidden test generates (a seed the student version does not contain), the untouched student
 * version and a one-class predictor earn nothing, a shorter training earns partial credit, training
 * past the budget is stopped, and malformed predictions are errors. Runs on the generated stand-in: no data set needed.
 */
import { before, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { data } from "dlcourse";
import { gradeBatch } from "../../grading/batch";
import type { SubmissionResult } from "../../grading/result";
import { mutated, sourceOf, studentVersion, tempDir } from "./helpers";

const SOURCE = sourceOf("cifar10_training");

/** [first 64 bytes of an image as hex, label] for the stand-in's public test part, as a student could build it. */
async function publicTestTable(): Promise<[string, number][]> {
  const test = (await data.loadCifar10({ source: "stand-in" })).test;
  return Array.from(test.labels, (label, i) => [Buffer.from(test.images.subarray(i * 3072, i * 3072 + 64)).toString("hex"), label]);
}
const TRAIN_NOTHING = "let cifarModel: unknown = null;\nasync function trainCifar(images: Uint8Array, labels: Uint8Array): Promise<void> {}\n";

let results: Map<string, SubmissionResult>;

before(async () => {
  const dir = tempDir("dlcourse-cifar-training-");
  const subs = Object.entries({
    reference: fs.readFileSync(SOURCE, "utf8"),
    stub: studentVersion(SOURCE),
    one_class: studentVersion(SOURCE, { model: `${TRAIN_NOTHING}async function predictCifar(images: Uint8Array): Promise<number[]> {\n  return Array.from({ length: images.length / 3072 }, () => 3);\n}` }),
    probabilities: studentVersion(SOURCE, { model: `${TRAIN_NOTHING}async function predictCifar(images: Uint8Array): Promise<number[]> {\n  return Array.from({ length: images.length / 3072 }, () => 0.5);\n}` }),
    // Training past the budget: the call is stopped at the CPU-time limit, the batch goes on.
    endless: studentVersion(SOURCE, { model: "let cifarModel: unknown = null;\nasync function trainCifar(images: Uint8Array, labels: Uint8Array): Promise<void> {\n  while (true) {}\n}\nasync function predictCifar(images: Uint8Array): Promise<number[]> {\n  return [];\n}" }),
    // One epoch instead of three: learns, but not enough for every threshold.
    one_epoch: studentVersion(SOURCE, { model: mutated(SOURCE, "model", "const epochs = 3,", "const epochs = 1,").replace(/\/\/ (BEGIN|END) SOLUTION\n/g, "") }),
    // More training data from the stand-in's own generator: hidden from student code at grading time.
    generator: studentVersion(SOURCE, {
      model: mutated(SOURCE, "model", /async function trainCifar\(images: Uint8Array, labels: Uint8Array\): Promise<void> \{\n/, "async function trainCifar(images: Uint8Array, labels: Uint8Array): Promise<void> {\n  data.cifar10StandInRecords({ count: 10, seed: 1 });\n").replace(/\/\/ (BEGIN|END) SOLUTION\n/g, ""),
    }),
    // The public test part's labels carried in the notebook as a table: earns the 0-point self-check only.
    lookup: studentVersion(SOURCE, {
      model: `${TRAIN_NOTHING}const KEYS = new Map<string, number>(${JSON.stringify(await publicTestTable())});\nasync function predictCifar(images: Uint8Array): Promise<number[]> {\n  return Array.from({ length: images.length / 3072 }, (_, i) => KEYS.get(Buffer.from(images.subarray(i * 3072, i * 3072 + 64)).toString("hex")) ?? 0);\n}`,
    }),
    // Reading the instructor's notebook for the held-out seed: the sandbox cannot see it.
    read_source: studentVersion(SOURCE, {
      model: `import fs from "node:fs";\n${TRAIN_NOTHING}async function predictCifar(images: Uint8Array): Promise<number[]> {\n  const seed = /seed: (\\d+)/.exec(fs.readFileSync(${JSON.stringify(SOURCE)}, "utf8"));\n  return Array.from({ length: images.length / 3072 }, () => Number(seed?.[1] ?? 0) % 10);\n}`,
    }),
    // Patching what the tests might use: only the sandbox's own realm changes.
    patch_globals: studentVersion(SOURCE, {
      model: `(Array.prototype as any).filter = function () { return this; };\n(globalThis as any).accuracy = () => 1;\n(globalThis as any).scoreParts = async () => 4;\n${TRAIN_NOTHING}async function predictCifar(images: Uint8Array): Promise<number[]> {\n  return Array.from({ length: images.length / 3072 }, () => 0);\n}`,
    }),
  }).map(([student, text]) => {
    const notebook = path.join(dir, `${student}.ipynb`);
    fs.writeFileSync(notebook, text);
    return { student, notebook };
  });
  const list = await gradeBatch({ assignment: "cifar10_training", source: SOURCE, submissions: subs, out: path.join(dir, "out"), jobs: 2 });
  results = new Map(list.map((r) => [r.student, r]));
});

const log = (t: SubmissionResult["tests"][number]) => (t.detail ?? t).log;
const detail = (r: SubmissionResult) => JSON.stringify({ tests: r.tests, notes: r.notes, errors: r.graderErrors, output: r.output.slice(-2000) });

test("the reference model passes the visible and every held-out threshold", () => {
  const r = results.get("reference")!;
  assert.equal(r.max, 4);
  assert.equal(r.total, 4, detail(r));
  assert.deepEqual(r.graderErrors, []);
  assert.ok(log(r.tests[0]).some((l) => /accuracy на отложенной выборке: 0\.(8[5-9]|9)/.test(l)), log(r.tests[0]).join("\n"));
});

test("the student version, one class for everything and probabilities instead of classes earn nothing", () => {
  const stub = results.get("stub")!;
  assert.equal(stub.total, 0);
  assert.ok(log(stub.tests[0]).some((l) => l.includes("not implemented")) || /not implemented/.test(stub.tests[0].detail?.message ?? ""), detail(stub));
  assert.equal(results.get("one_class")!.total, 0, detail(results.get("one_class")!));
  const probs = results.get("probabilities")!;
  assert.equal(probs.total, 0);
  assert.ok(log(probs.tests[0]).some((l) => l.includes("целыми числами 0…9")), log(probs.tests[0]).join("\n"));
});

test("training past the budget is stopped at the stated limit (30 s of CPU time) and earns nothing", () => {
  const r = results.get("endless")!;
  assert.equal(r.total, 0, detail(r));
  assert.match(r.tests[0].message ?? "", /не завершилась за 30 с/, detail(r));
  assert.equal(results.get("reference")!.total, 4, "the other submissions of the batch are graded as usual");
});

test("a shorter training earns partial credit by the stated thresholds", () => {
  const r = results.get("one_epoch")!;
  assert.ok(r.total > 0 && r.total < 4, detail(r));
  assert.equal(r.tests[0].status, "partial", detail(r));
});

test("the stand-in's generator is out of reach of student code; memorising the public test part earns nothing", () => {
  const g = results.get("generator")!;
  assert.equal(g.total, 0, detail(g));
  assert.match(detail(g), /недоступна в этом задании/);
  const lookup = results.get("lookup")!;
  assert.equal(lookup.total, 0, detail(lookup));
  assert.ok(log(lookup.tests[0]).some((l) => /accuracy на тестовой части: 1\.000/.test(l)), "the table does answer the public part");
});

test("reading the instructor's notebook or patching globals earns nothing", () => {
  for (const s of ["read_source", "patch_globals"]) assert.equal(results.get(s)!.total, 0, detail(results.get(s)!));
  assert.match(detail(results.get("read_source")!), /доступ запрещён песочницей проверки/);
});

test("the held-out seed is not in the student version", () => {
  const released = studentVersion(SOURCE);
  assert.ok(fs.readFileSync(SOURCE, "utf8").includes("2891336453"));
  assert.ok(!released.includes("2891336453") && !released.includes("отложенной выборке:"), "hidden test removed");
});
