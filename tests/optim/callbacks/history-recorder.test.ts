import { test } from "node:test";
import assert from "node:assert/strict";
import { optim, ready, tf } from "dlcourse";
import { sgd, tinyData, tinyModel } from "./helpers";

test("HistoryRecorder keeps per-batch and per-epoch columns across fit calls", async () => {
  await ready();
  const { x, y } = tinyData();
  const model = tinyModel(sgd(0.05));
  const rec = new optim.HistoryRecorder();
  const h = await model.fit(x, y, { epochs: 2, batchSize: 2, verbose: 0, validationData: [x, y], callbacks: [rec] });
  assert.deepEqual(rec.batches.step, [0, 1, 2, 3, 4, 5]);
  assert.deepEqual(rec.batches.epoch, [0, 0, 0, 1, 1, 1]);
  assert.deepEqual(rec.batches.batch, [0, 1, 2, 0, 1, 2]);
  assert.deepEqual(rec.batches.lr, [0.05, 0.05, 0.05, 0.05, 0.05, 0.05]);
  assert.ok(rec.batches.loss.every(Number.isFinite) && rec.batches.loss.length === 6);
  assert.equal(rec.batches.size, undefined, "tfjs's size/batch bookkeeping is not a curve");
  // epoch values agree with tfjs's own History
  (h.history.loss as number[]).forEach((v, i) => assert.ok(Math.abs(v - rec.epochs.loss[i]) < 1e-6));
  (h.history.val_loss as number[]).forEach((v, i) => assert.ok(Math.abs(v - rec.epochs.val_loss[i]) < 1e-6));
  await model.fit(x, y, { epochs: 1, batchSize: 6, verbose: 0, callbacks: [rec] });
  assert.deepEqual(rec.epochs.epoch, [0, 1, 2]);
  assert.equal(rec.epochs.val_loss.length, 3);
  assert.ok(Number.isNaN(rec.epochs.val_loss[2]), "a column absent from a row is NaN");
  assert.deepEqual(rec.batches.step, [0, 1, 2, 3, 4, 5, 6]);
  model.dispose();
  tf.dispose([x, y]);
});
