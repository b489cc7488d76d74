import { test } from "node:test";
import assert from "node:assert/strict";
import { optim, ready, tf } from "dlcourse";
import { testMlp, testTrajectories } from "./helpers";

testTrajectories("Adamax");
testMlp("Adamax");

test("Adamax by hand: u is a decayed max of |g|, not an average", async () => {
  await ready();
  // f = 3w: g = 3. Step 1: m = 0.3, u = max(0, 3) = 3, w = 0 - 0.1 / 0.1 * 0.3 / 3 = -0.1.
  // Step 2: m = 0.27 + 0.3 = 0.57, u = max(0.999 * 3, 3) = 3, w = -0.1 - 0.1 / 0.19 * 0.57 / 3 = -0.2.
  const { trajectory } = optim.optimizePath((w) => tf.mul(3, tf.sum(w)) as tf.Scalar, [0], {
    optimizer: new optim.Adamax({ lr: 0.1, eps: 0 }),
    steps: 2,
  });
  assert.ok(Math.abs(trajectory[1][0] + 0.1) < 1e-6 && Math.abs(trajectory[2][0] + 0.2) < 1e-6, `got ${trajectory}`);
});

test("Adamax rejects bad options with the option's name", () => {
  assert.throws(() => new optim.Adamax({ lr: -2e-3 }), /optim\.Adamax: expected lr >= 0, got -0\.002/);
  assert.throws(() => new optim.Adamax({ betas: [0.9] as never }), /optim\.Adamax: expected betas .* got \[0\.9\]/);
  assert.throws(() => new optim.Adamax({ amsgrad: true } as never), /unknown option "amsgrad"/);
});

test("Adamax has PyTorch's defaults", () => {
  const o = new optim.Adamax().options;
  assert.deepEqual([o.lr, o.betas, o.eps, o.weightDecay], [2e-3, [0.9, 0.999], 1e-8, 0]);
});
