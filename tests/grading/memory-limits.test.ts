/**
 * Memory bombs are stopped by the resident-memory limit, and the student is told so. In the mixed
 * batch of attacks.test.ts a bomb may meet its 3 s CPU budget first on a machine slow to hand out
 * fresh memory; here the budget is far beyond what 600 MiB can cost, so only the memory limit can
 * stop them. An honest submission in the same batch keeps its marks.
 */
import { before, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { findSubmissions, gradeBatch } from "../../grading/batch";
import type { SubmissionResult } from "../../grading/result";
import { BUFFER_BOMB, GOOD_ADD, GOOD_MEAN, HEAP_BOMB, MINI_SOURCE, submission, tempDir } from "./helpers";

let results: Map<string, SubmissionResult>;

before(async () => {
  const dir = tempDir("dlcourse-memory-");
  const folder = path.join(dir, "submissions");
  const tmpRoot = path.join(dir, "tmp");
  fs.mkdirSync(folder);
  fs.mkdirSync(tmpRoot);
  const subs = { honest: submission({ add: GOOD_ADD, mean: GOOD_MEAN }), buffers: submission({ add: BUFFER_BOMB, mean: GOOD_MEAN }), heap: submission({ add: GOOD_ADD, mean: HEAP_BOMB }) };
  for (const [student, text] of Object.entries(subs)) fs.writeFileSync(path.join(folder, `${student}.ipynb`), text);
  const list = await gradeBatch({ assignment: "mini", source: MINI_SOURCE, submissions: findSubmissions(folder, "mini"), out: path.join(dir, "out"), jobs: 2, tmpRoot, limits: { callMs: 120_000, loadMs: 60_000, memoryMb: 600 } });
  results = new Map(list.map((r) => [r.student, r]));
  fs.rmSync(dir, { recursive: true, force: true });
});

const byId = (student: string) => Object.fromEntries(results.get(student)!.tests.map((t) => [t.id, t]));

test("a bomb of buffers outside the V8 heap is stopped by the memory limit, which the feedback names", () => {
  const t = byId("buffers");
  assert.equal(t.test_add.points, 0);
  assert.match(t.test_add.message ?? "", /лимит памяти/);
  assert.equal(t.test_mean.points, 2, "the next test runs in a fresh process");
});

test("a bomb of the V8 heap is stopped by a memory limit and costs only its own test", () => {
  const t = byId("heap");
  assert.equal(t.test_add.points, 1);
  assert.equal(t.test_mean.points, 0);
  // The resident limit (600 MiB) lies below V8's heap limit (1 GiB), so it is the one that stops it.
  // mean's visible test gives a point per case, and each case's log line says why it failed.
  assert.match((t.test_mean.log ?? []).join("\n"), /лимит памяти/);
});

test("an honest submission in the same batch keeps full marks", () => {
  assert.equal(results.get("honest")!.total, 3);
});
