import { test } from "node:test";
import assert from "node:assert/strict";
import { optim, ready, tf } from "dlcourse";
import { testMlp, testTrajectories } from "./helpers";

testTrajectories("AdamW");
testMlp("AdamW");

test("AdamW decays the weights directly, Adam's weightDecay goes through the gradient", async () => {
  await ready();
  // f = 0 everywhere (g = 0), w = 2, lr 0.1, lambda 0.5.
  // AdamW: w = 2 * (1 - 0.05) = 1.9, then the Adam step of a zero gradient is 0.
  // Adam (coupled): g = 0.5 * 2 = 1, first step has length lr: w = 2 - 0.1 = 1.9 as well, but
  // at w = 200 AdamW takes 200 * 0.05 = 10 while coupled Adam still moves only 0.1.
  const zero = (w: tf.Tensor1D) => tf.mul(0, tf.sum(w)) as tf.Scalar;
  const decoupled = optim.optimizePath(zero, [200], { optimizer: new optim.AdamW({ lr: 0.1, weightDecay: 0.5 }), steps: 1 });
  const coupled = optim.optimizePath(zero, [200], { optimizer: new optim.Adam({ lr: 0.1, weightDecay: 0.5 }), steps: 1 });
  assert.ok(Math.abs(decoupled.trajectory[1][0] - 190) < 1e-4, `AdamW got ${decoupled.trajectory[1]}`);
  assert.ok(Math.abs(coupled.trajectory[1][0] - 199.9) < 1e-4, `Adam got ${coupled.trajectory[1]}`);
});

test("AdamW rejects bad options, including Adam's decoupledWeightDecay switch", () => {
  assert.throws(() => new optim.AdamW({ lr: -1 }), /optim\.AdamW: expected lr >= 0, got -1/);
  assert.throws(() => new optim.AdamW({ betas: [0.9, 1] }), /optim\.AdamW: expected betas .* got \[0\.9, 1\]/);
  assert.throws(() => new optim.AdamW({ decoupledWeightDecay: false } as never), /optim\.AdamW: unknown option "decoupledWeightDecay"/);
});

test("AdamW has PyTorch's defaults (weightDecay 1e-2)", () => {
  const o = new optim.AdamW().options;
  assert.deepEqual([o.lr, o.betas, o.eps, o.weightDecay, o.amsgrad], [1e-3, [0.9, 0.999], 1e-8, 1e-2, false]);
});
