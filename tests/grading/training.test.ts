/**
 * The training assignment (SST-2): the reference model beats the thresholds on the instructor's
 * held-out sentences, which are in none of SST-2's public files and never released; predicting one
 * class earns nothing; a lookup table of the public labelled sentences earns nothing; malformed
 * predictions are errors. Needs SST-2 offline (datasets/sst2 or $DLCOURSE_DATA/sst2).
 */
import { before, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { data } from "dlcourse";
import { gradeBatch } from "../../grading/batch";
import type { SubmissionResult } from "../../grading/result";
import { release } from "../../grading/release";
import { sourceOf, studentVersion, tempDir } from "./helpers";

const HELD_OUT = path.join(path.dirname(sourceOf("sentiment_training")), "hidden", "heldout.tsv");
const rowsOf = (file: string) => fs.readFileSync(file, "utf8").split("\n").filter((l) => l.includes("\t")).map((l) => ({ text: l.slice(0, l.lastIndexOf("\t")), label: Number(l.slice(l.lastIndexOf("\t") + 1)) }));

/** A "model" that is a table of every public labelled sentence (dev and test), 1 for the rest. */
async function lookupTable(): Promise<string> {
  const table: Record<string, number> = {};
  for (const split of ["dev", "test"] as const) for (const r of rowsOf(await data.sst2Path({ split, download: false }))) table[r.text] = r.label;
  return `const TABLE: Record<string, number> = ${JSON.stringify(table)};\n${TRAIN_NOTHING}async function predictSentiment(texts: string[]): Promise<number[]> {\n  return texts.map((t) => TABLE[t] ?? 1);\n}`;
}

const SOURCE = sourceOf("sentiment_training");
const TRAIN_NOTHING = "let sentimentModel: unknown = null;\nasync function trainSentiment(texts: string[], labels: number[]): Promise<void> {}\n";

async function sst2Offline(): Promise<boolean> {
  try {
    for (const split of ["train", "dev", "test"] as const) await data.sst2Path({ split, download: false });
    return true;
  } catch {
    return false;
  }
}

let results: Map<string, SubmissionResult> | null = null;

before(async () => {
  if (!(await sst2Offline())) return;
  const dir = tempDir("dlcourse-training-");
  const subs = Object.entries({
    reference: fs.readFileSync(SOURCE, "utf8"),
    majority: studentVersion(SOURCE, { model: `${TRAIN_NOTHING}async function predictSentiment(texts: string[]): Promise<number[]> {\n  return texts.map(() => 1);\n}` }),
    probabilities: studentVersion(SOURCE, { model: `${TRAIN_NOTHING}async function predictSentiment(texts: string[]): Promise<number[]> {\n  return texts.map(() => 0.5);\n}` }),
    lookup: studentVersion(SOURCE, { model: await lookupTable() }),
  }).map(([student, text]) => {
    const notebook = path.join(dir, `${student}.ipynb`);
    fs.writeFileSync(notebook, text);
    return { student, notebook };
  });
  const list = await gradeBatch({ assignment: "sentiment_training", source: SOURCE, submissions: subs, out: path.join(dir, "out"), jobs: 2 });
  results = new Map(list.map((r) => [r.student, r]));
});

test("the reference model passes both held-out thresholds", (t) => {
  if (!results) return t.skip("SST-2 is not available offline (datasets/sst2 or $DLCOURSE_DATA)");
  const r = results.get("reference")!;
  assert.equal(r.total, 3, JSON.stringify({ tests: r.tests, notes: r.notes, output: r.output.slice(-2000) }));
  const log = r.tests[0].detail?.log ?? [];
  assert.ok(log.some((l) => /accuracy на отложенной выборке: 0\.(7[4-9]|8)/.test(l)), log.join("\n"));
  assert.ok(!r.tests[0].log.some((l) => l.includes("accuracy на отложенной выборке: ")), "the student's feedback lists checks, not hidden numbers");
});

test("a lookup table of the public labelled dev and test sentences earns nothing", (t) => {
  if (!results) return t.skip("SST-2 is not available offline (datasets/sst2 or $DLCOURSE_DATA)");
  assert.equal(results.get("lookup")!.total, 0, JSON.stringify(results.get("lookup")!.tests));
});

test("the held-out set is the instructor's own: balanced, and none of its sentences is in SST-2", async (t) => {
  if (!(await sst2Offline())) return t.skip("SST-2 is not available offline");
  const held = rowsOf(HELD_OUT);
  assert.ok(held.length >= 200, `${held.length} sentences`);
  assert.equal(held.filter((r) => r.label === 1).length, held.length / 2);
  const publicTexts = new Set<string>();
  for (const split of ["train", "dev", "test"] as const) for (const r of rowsOf(await data.sst2Path({ split, download: false }))) publicTexts.add(r.text);
  assert.deepEqual(held.filter((r) => publicTexts.has(r.text)), []);
});

test("the student version of the assignment does not contain the held-out set", () => {
  const dir = release("sentiment_training", tempDir("dlcourse-release-"));
  assert.ok(fs.existsSync(path.join(dir, "sentiment_training.ipynb")));
  assert.ok(!fs.existsSync(path.join(dir, "hidden")), fs.readdirSync(dir).join(" "));
  const nb = fs.readFileSync(path.join(dir, "sentiment_training.ipynb"), "utf8");
  assert.ok(!nb.includes("heldout.tsv"), "hidden test code leaked into the release");
});

test("always predicting one class earns nothing; probabilities instead of labels are an error", (t) => {
  if (!results) return t.skip("SST-2 is not available offline (datasets/sst2 or $DLCOURSE_DATA)");
  assert.equal(results.get("majority")!.total, 0);
  const probs = results.get("probabilities")!;
  assert.equal(probs.total, 0);
  const log = probs.tests[0].detail?.log ?? probs.tests[0].log;
  assert.ok(log.some((l) => l.includes("0 или 1")), log.join("\n"));
});
