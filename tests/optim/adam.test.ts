import { test } from "node:test";
import assert from "node:assert/strict";
import { optim, ready, tf } from "dlcourse";
import { testMlp, testTrajectories } from "./helpers";

testTrajectories("Adam");
testMlp("Adam");

test("Adam by hand: the first bias-corrected step has length lr whatever the gradient scale", async () => {
  await ready();
  // m_1 = (1 - b1) g, v_1 = (1 - b2) g^2; corrected: m = g, v = g^2, so w <- w - lr * g / (|g| + eps).
  for (const scale of [1e-3, 1, 1e3]) {
    const { trajectory } = optim.optimizePath((w) => tf.mul(scale, tf.sum(w)) as tf.Scalar, [0, 0], {
      optimizer: new optim.Adam({ lr: 0.1, eps: 0 }),
      steps: 1,
    });
    assert.ok(Math.abs(trajectory[1][0] + 0.1) < 1e-6, `scale ${scale}: got ${trajectory[1]}`);
  }
});

test("Adam with epsInsideSqrt follows the lecture: w - lr * m_hat / sqrt(v_hat + eps)", async () => {
  await ready();
  // g = 1 (f = w): m_hat = 1, v_hat = 1, eps = 3: w = 0 - 0.1 * 1 / sqrt(4) = -0.05.
  const { trajectory } = optim.optimizePath((w) => tf.sum(w) as tf.Scalar, [0], {
    optimizer: new optim.Adam({ lr: 0.1, eps: 3, epsInsideSqrt: true }),
    steps: 1,
  });
  assert.ok(Math.abs(trajectory[1][0] + 0.05) < 1e-6, `got ${trajectory[1]}`);
});

test("Adam rejects bad options with the option's name", () => {
  assert.throws(() => new optim.Adam({ lr: -1 }), /optim\.Adam: expected lr >= 0, got -1/);
  assert.throws(() => new optim.Adam({ betas: [1, 0.999] }), /optim\.Adam: expected betas \[beta1, beta2\] with each in \[0, 1\), got \[1, 0\.999\]/);
  assert.throws(() => new optim.Adam({ betas: [0.9, -0.1] }), /expected betas .* got \[0\.9, -0\.1\]/);
  assert.throws(() => new optim.Adam({ beta1: 0.9 } as never), /optim\.Adam: unknown option "beta1" \(known: lr, betas, eps/);
  assert.throws(() => new optim.Adam(0.01 as never), /optim\.Adam: expected an options object, got 0\.01/);
});

test("Adam has PyTorch's defaults; betas are not shared between instances", () => {
  const a = new optim.Adam();
  assert.deepEqual([a.lr, a.options.betas, a.options.eps, a.options.weightDecay, a.options.amsgrad], [1e-3, [0.9, 0.999], 1e-8, 0, false]);
  a.momentum = 0.5;
  assert.deepEqual(new optim.Adam().options.betas, [0.9, 0.999]);
  assert.deepEqual(a.options.betas, [0.5, 0.999]);
});
