/**
 * The training assignment (SST-2): the reference model beats the thresholds on held-out data the
 * sandbox never sees; predicting one class earns nothing; malformed predictions are errors.
 * Needs SST-2 offline (datasets/sst2 or $DLCOURSE_DATA/sst2), like the notebooks that use it.
 */
import { before, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { data } from "dlcourse";
import { gradeBatch } from "../../grading/batch";
import type { SubmissionResult } from "../../grading/result";
import { sourceOf, studentVersion, tempDir } from "./helpers";

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
  assert.ok(r.tests[0].log.some((l) => /accuracy на скрытой выборке: 0\.(7[7-9]|8)/.test(l)), r.tests[0].log.join("\n"));
});

test("always predicting one class earns nothing; probabilities instead of labels are an error", (t) => {
  if (!results) return t.skip("SST-2 is not available offline (datasets/sst2 or $DLCOURSE_DATA)");
  assert.equal(results.get("majority")!.total, 0);
  const probs = results.get("probabilities")!;
  assert.equal(probs.total, 0);
  assert.ok(probs.tests[0].log.some((l) => l.includes("0 или 1")), probs.tests[0].log.join("\n"));
});
