import { test } from "node:test";
import assert from "node:assert/strict";
import { optim, ready, tf } from "dlcourse";
import { testMlp, testTrajectories } from "./helpers";

testTrajectories("Adadelta");
testMlp("Adadelta");

test("Adadelta by hand: first step is sqrt(eps) / sqrt((1 - rho) g^2 + eps) * g", async () => {
  await ready();
  // g = w = 1, rho = 0.5, eps = 0.01: E[g^2] = 0.5, dx = sqrt(0.01) / sqrt(0.51) * 1 = 0.14002801,
  // w = 1 - 0.14002801 = 0.85997199.
  const { trajectory } = optim.optimizePath((w) => tf.mul(0.5, tf.sum(tf.square(w))) as tf.Scalar, [1], {
    optimizer: new optim.Adadelta({ rho: 0.5, eps: 0.01 }),
    steps: 1,
  });
  assert.ok(Math.abs(trajectory[1][0] - 0.85997199) < 1e-6, `got ${trajectory[1]}`);
});

test("Adadelta rejects bad options with the option's name", () => {
  assert.throws(() => new optim.Adadelta({ lr: -1 }), /optim\.Adadelta: expected lr >= 0, got -1/);
  assert.throws(() => new optim.Adadelta({ rho: 1.5 }), /optim\.Adadelta: expected rho in \[0, 1\], got 1\.5/);
  assert.throws(() => new optim.Adadelta({ epsilon: 1e-6 } as never), /unknown option "epsilon" \(known: lr, rho, eps/);
});

test("Adadelta has PyTorch's defaults", () => {
  const o = new optim.Adadelta().options;
  assert.deepEqual([o.lr, o.rho, o.eps, o.weightDecay], [1, 0.9, 1e-6, 0]);
});
