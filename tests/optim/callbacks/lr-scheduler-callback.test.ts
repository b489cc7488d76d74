import { test } from "node:test";
import assert from "node:assert/strict";
import { optim, ready, tf } from "dlcourse";
import { sgd, tinyData, tinyModel } from "./helpers";

test("LRSchedulerCallback steps a per-epoch schedule after each epoch", async () => {
  await ready();
  const { x, y } = tinyData();
  const opt = sgd(0.1);
  const model = tinyModel(opt);
  const sched = new optim.StepLR(opt, { stepSize: 2, gamma: 0.5 });
  const history = new optim.HistoryRecorder();
  await model.fit(x, y, { epochs: 5, batchSize: 6, verbose: 0, callbacks: [history, new optim.LRSchedulerCallback(sched)] });
  assert.deepEqual(history.epochs.lr, [0.1, 0.1, 0.05, 0.05, 0.025]);
  assert.equal(opt.lr, 0.025); // t = 5 after the last epoch: unchanged from t = 4
  model.dispose();
  tf.dispose([x, y]);
});

test("LRSchedulerCallback steps a cyclic schedule after each batch", async () => {
  await ready();
  const { x, y } = tinyData();
  const opt = new optim.SGD({ lr: 0.1, momentum: 0.9 });
  const model = tinyModel(opt);
  const sched = new optim.CyclicLR(opt, { baseLr: 0, maxLr: 0.04, stepSizeUp: 2 });
  const history = new optim.HistoryRecorder();
  await model.fit(x, y, { epochs: 2, batchSize: 2, verbose: 0, callbacks: [history, new optim.LRSchedulerCallback(sched, { interval: "batch" })] });
  // 3 batches per epoch, 6 in all: the lr each batch trained with climbs and falls in steps of 0.02.
  history.batches.lr.forEach((lr, i) => assert.ok(Math.abs(lr - [0, 0.02, 0.04, 0.02, 0, 0.02][i]) < 1e-12, `batch ${i}: ${lr}`));
  model.dispose();
  tf.dispose([x, y]);
});

test("LRSchedulerCallback feeds the monitored value to ReduceLROnPlateau", async () => {
  await ready();
  const { x, y } = tinyData();
  const opt = sgd(1e-9); // so small the loss never improves by the relative threshold
  const model = tinyModel(opt);
  const sched = new optim.ReduceLROnPlateau(opt, { patience: 1, factor: 0.5, eps: 0 });
  const history = new optim.HistoryRecorder();
  await model.fit(x, y, { epochs: 6, verbose: 0, callbacks: [history, new optim.LRSchedulerCallback(sched, { monitor: "loss" })] });
  // best at epoch 0; bad epochs 1, 2 -> halve after epoch 2; bad 3, 4 -> halve after epoch 4.
  assert.deepEqual(history.epochs.lr, [1e-9, 1e-9, 1e-9, 5e-10, 5e-10, 2.5e-10]);
  await assert.rejects(
    model.fit(x, y, { epochs: 1, verbose: 0, callbacks: [new optim.LRSchedulerCallback(sched)] }),
    /LRSchedulerCallback: monitor "val_loss" is not in the epoch logs \(have: loss\)/,
  );
  assert.throws(() => new optim.LRSchedulerCallback(sched, { interval: "step" as never }), /expected interval one of "batch", "epoch", got "step"/);
  model.dispose();
  tf.dispose([x, y]);
});
