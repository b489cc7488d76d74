import { test } from "node:test";
import assert from "node:assert/strict";
import { optim, ready, tf } from "dlcourse";
import { testMlp, testTrajectories } from "./helpers";

testTrajectories("Adagrad");
testMlp("Adagrad");

const square = (w: tf.Tensor1D) => tf.mul(0.5, tf.sum(tf.square(w))) as tf.Scalar;

test("Adagrad by hand: the initial accumulator and eps outside or inside the root", async () => {
  await ready();
  // g = w = 2, G_0 = 1: G_1 = 1 + 4 = 5. PyTorch: w = 2 - 0.1 * 2 / (sqrt(5) + 1) = 1.93819660;
  // lecture (eps inside): w = 2 - 0.1 * 2 / sqrt(5 + 1) = 1.91835034.
  const torchStyle = optim.optimizePath(square, [2], { optimizer: new optim.Adagrad({ lr: 0.1, initialAccumulatorValue: 1, eps: 1 }), steps: 1 });
  const lecture = optim.optimizePath(square, [2], {
    optimizer: new optim.Adagrad({ lr: 0.1, initialAccumulatorValue: 1, eps: 1, epsInsideSqrt: true }),
    steps: 1,
  });
  assert.ok(Math.abs(torchStyle.trajectory[1][0] - 1.9381966) < 1e-6, `got ${torchStyle.trajectory[1]}`);
  assert.ok(Math.abs(lecture.trajectory[1][0] - 1.91835034) < 1e-6, `got ${lecture.trajectory[1]}`);
});

test("Adagrad rejects bad options with the option's name", () => {
  assert.throws(() => new optim.Adagrad({ lr: -0.1 }), /optim\.Adagrad: expected lr >= 0, got -0\.1/);
  assert.throws(() => new optim.Adagrad({ initialAccumulatorValue: -1 }), /expected initialAccumulatorValue >= 0, got -1/);
  assert.throws(() => new optim.Adagrad({ initial_accumulator_value: 0.1 } as never), /unknown option "initial_accumulator_value"/);
});

test("Adagrad has PyTorch's defaults", () => {
  const o = new optim.Adagrad().options;
  assert.deepEqual([o.lr, o.lrDecay, o.weightDecay, o.initialAccumulatorValue, o.eps], [1e-2, 0, 0, 0, 1e-10]);
});
