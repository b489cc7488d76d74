import { test } from "node:test";
import assert from "node:assert/strict";
import { optim, ready, tf } from "dlcourse";

function problem(): { model: tf.Sequential; x: tf.Tensor2D; y: tf.Tensor2D; opt: optim.SGD } {
  // y = 2 x1 - x2 + 0.5 on 64 fixed points; SGD diverges once lr is large.
  const pts = Array.from({ length: 64 }, (_, i) => [Math.sin(i), Math.cos(3 * i)]);
  const x = tf.tensor2d(pts);
  const y = tf.tensor2d(pts.map(([a, b]) => [2 * a - b + 0.5]));
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 1, inputShape: [2], kernelInitializer: "zeros" }));
  const opt = new optim.SGD({ lr: 0.01, momentum: 0.9 });
  model.compile({ optimizer: opt, loss: "meanSquaredError" });
  return { model, x, y, opt };
}

test("lrRangeTest sweeps lr geometrically, stops on divergence, and restores the model", async () => {
  await ready();
  const { model, x, y, opt } = problem();
  const before = tf.memory().numTensors;
  const r = await optim.lrRangeTest(model, x, y, { startLr: 1e-4, endLr: 100, numIter: 61, batchSize: 16 });
  // lr_i = 1e-4 * (1e6)^(i / 60): a factor 10 every 10 steps.
  r.lrs.forEach((lr, i) => assert.ok(Math.abs(Math.log10(lr) - (-4 + i / 10)) < 1e-9, `lr ${i} = ${lr}`));
  assert.ok(r.lrs.length < 61, `diverged before the end (took ${r.lrs.length} steps)`);
  // smoothing: s_1 = 0.05 * l_1 + 0.95 * l_0
  assert.ok(Math.abs(r.smoothedLosses[1] - (0.05 * r.losses[1] + 0.95 * r.losses[0])) < 1e-12);
  assert.ok(r.minLossLr > 1e-3 && r.minLossLr < 10, `minLossLr ${r.minLossLr}`);
  assert.ok(r.steepestLr <= r.minLossLr, `steepest ${r.steepestLr} before min ${r.minLossLr}`);
  assert.equal(model.optimizer, opt);
  assert.equal(opt.lr, 0.01);
  assert.deepEqual(Array.from(model.getWeights()[0].dataSync()), [0, 0]);
  assert.equal(tf.memory().numTensors, before, "tensors leaked");
  model.dispose();
  tf.dispose([x, y]);
});

test("lrRangeTest rejects bad options and models it cannot drive", async () => {
  await ready();
  const { model, x, y } = problem();
  await assert.rejects(optim.lrRangeTest(model, x, y, { startLr: 1, endLr: 0.1 }), /lrRangeTest: expected endLr > startLr, got 1 and 0\.1/);
  await assert.rejects(optim.lrRangeTest(model, x, y, { numIter: 0 }), /lrRangeTest: expected numIter a positive integer, got 0/);
  await assert.rejects(optim.lrRangeTest(model, x, y, { end_lr: 1 } as never), /lrRangeTest: unknown option "end_lr"/);
  model.compile({ optimizer: "sgd", loss: "meanSquaredError" });
  await assert.rejects(optim.lrRangeTest(model, x, y), /the model must be compiled with an optim\.\* optimizer/);
  model.dispose();
  tf.dispose([x, y]);
});

test("lrRangeTest defaults to one pass over the data", async () => {
  await ready();
  const { model, x, y } = problem();
  const r = await optim.lrRangeTest(model, x, y, { startLr: 1e-6, endLr: 1e-3, batchSize: 16 });
  assert.equal(r.lrs.length, 4); // N = 64, batch 16
  assert.ok(Math.abs(r.lrs[0] - 1e-6) < 1e-18 && Math.abs(r.lrs[3] - 1e-3) < 1e-15, `lrs ${r.lrs}`);
  model.dispose();
  tf.dispose([x, y]);
});
