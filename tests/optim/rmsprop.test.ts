import { test } from "node:test";
import assert from "node:assert/strict";
import { optim, ready, tf } from "dlcourse";
import { testMlp, testTrajectories } from "./helpers";

testTrajectories("RMSprop");
testMlp("RMSprop");

test("RMSprop by hand: centered divides by the variance estimate", async () => {
  await ready();
  // g = w = 1, alpha = 0.5, eps = 0: G = 0.5, m = 0.5, G - m^2 = 0.25, step = 1 / 0.5 = 2,
  // w = 1 - 0.1 * 2 = 0.8 (uncentered: 1 - 0.1 / sqrt(0.5) = 0.85857864).
  const f = (w: tf.Tensor1D) => tf.mul(0.5, tf.sum(tf.square(w))) as tf.Scalar;
  const centered = optim.optimizePath(f, [1], { optimizer: new optim.RMSprop({ lr: 0.1, alpha: 0.5, eps: 0, centered: true }), steps: 1 });
  const plain = optim.optimizePath(f, [1], { optimizer: new optim.RMSprop({ lr: 0.1, alpha: 0.5, eps: 0 }), steps: 1 });
  assert.ok(Math.abs(centered.trajectory[1][0] - 0.8) < 1e-6, `got ${centered.trajectory[1]}`);
  assert.ok(Math.abs(plain.trajectory[1][0] - 0.85857864) < 1e-6, `got ${plain.trajectory[1]}`);
});

test("RMSprop rejects bad options with the option's name", () => {
  assert.throws(() => new optim.RMSprop({ lr: -1e-3 }), /optim\.RMSprop: expected lr >= 0, got -0\.001/);
  assert.throws(() => new optim.RMSprop({ alpha: -0.5 }), /expected alpha in \[0, 1\], got -0\.5/);
  assert.throws(() => new optim.RMSprop({ centered: 1 } as never), /expected centered to be true or false, got 1/);
  assert.throws(() => new optim.RMSprop({ rho: 0.9 } as never), /unknown option "rho"/);
});

test("RMSprop has PyTorch's defaults", () => {
  const o = new optim.RMSprop().options;
  assert.deepEqual([o.lr, o.alpha, o.eps, o.weightDecay, o.momentum, o.centered], [1e-2, 0.99, 1e-8, 0, 0, false]);
});

test("RMSprop with epsInsideSqrt follows the lecture: w - eta * g / sqrt(G + eps)", async () => {
  await ready();
  // g = w = 1, alpha = 0.5: G = 0.5; eps = 0.5 inside the root: w = 1 - 0.1 / sqrt(1) = 0.9.
  const { trajectory } = optim.optimizePath((w) => tf.mul(0.5, tf.sum(tf.square(w))) as tf.Scalar, [1], {
    optimizer: new optim.RMSprop({ lr: 0.1, alpha: 0.5, eps: 0.5, epsInsideSqrt: true }),
    steps: 1,
  });
  assert.ok(Math.abs(trajectory[1][0] - 0.9) < 1e-6, `got ${trajectory[1]}`);
});
