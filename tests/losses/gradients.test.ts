import { test } from "node:test";
import assert from "node:assert/strict";
import { losses, ready, tf } from "dlcourse";

test.before(() => ready());

// Every loss is a training objective: tf.grad must reach the predictions through it.
const CASES: Array<[string, (p: tf.Tensor) => tf.Tensor, number[]]> = [
  ["mse", (p) => losses.mse([0, 0, 0], p), [0.5, -2, 3]],
  ["mae", (p) => losses.mae([0, 0, 0], p), [0.5, -2, 3]],
  ["huber", (p) => losses.huber([0, 0, 0], p, { delta: 1 }), [0.5, -2, 3]],
  ["binaryCrossEntropy", (p) => losses.binaryCrossEntropy([1, 0, 1], p), [0.9, 0.2, 0.4]],
  ["binaryCrossEntropyWithLogits", (p) => losses.binaryCrossEntropyWithLogits([1, 0, 1], p), [2, -1, 0]],
];

for (const [name, loss, at] of CASES) {
  test(`losses.${name} is differentiable with tf.grad`, () => {
    const before = tf.memory().numTensors;
    const p = tf.tensor1d(at);
    const g = tf.grad((x: tf.Tensor) => loss(x))(p);
    assert.ok(g.dataSync().every(Number.isFinite), `${name}: gradient ${g.dataSync()}`);
    tf.dispose([p, g]);
    assert.equal(tf.memory().numTensors, before);
  });
}

test("huber's gradient is the error clipped at delta, over N (as F.huber_loss)", () => {
  // d/dp mean(huber(p - y)) = clip(p - y, -delta, delta) / N; N = 4, delta = 1:
  // errors 0.5, -2, 3, 1 -> 0.5, -1, 1, 1 -> / 4 = 0.125, -0.25, 0.25, 0.25.
  const p = tf.tensor1d([0.5, -2, 3, 1]);
  const g = tf.grad((x: tf.Tensor) => losses.huber([0, 0, 0, 0], x, { delta: 1 }))(p);
  assert.deepEqual(Array.from(g.dataSync()), [0.125, -0.25, 0.25, 0.25]);
  // delta = 2: errors clip at +-2 -> 0.5, -2, 2, 1 -> / 4.
  const g2 = tf.grad((x: tf.Tensor) => losses.huber([0, 0, 0, 0], x, { delta: 2 }))(p);
  assert.deepEqual(Array.from(g2.dataSync()), [0.125, -0.5, 0.5, 0.25]);
  tf.dispose([p, g, g2]);
});

test("crossEntropy's own gradient equals autodiff of -sum t log softmax(z) (indices, soft targets, smoothing, -inf logit, reductions)", () => {
  const before = tf.memory().numTensors;
  const logits = tf.tensor2d([[2, -1, 0.5], [0, 3, -2], [1, -Infinity, 0]]);
  const w = tf.tensor1d([0.3, -1.2, 2]); // a non-uniform upstream gradient for reduction "none"
  const soft = [[0.2, 0.5, 0.3], [0, 1, 0], [0.5, 0, 0.5]];
  const cases: [number[] | number[][], number, "mean" | "sum" | "none"][] = [
    [[0, 1, 2], 0, "mean"], [[2, 1, 0], 0.1, "sum"], [soft, 0, "none"], [soft, 0.2, "mean"],
  ];
  for (const [yTrue, eps, reduction] of cases) {
    const what = `${JSON.stringify(yTrue)} eps ${eps} ${reduction}`;
    const scalar = (l: tf.Tensor) => (reduction === "none" ? tf.sum(tf.mul(l, w)) : l) as tf.Scalar;
    const own = tf.grad((z: tf.Tensor) => scalar(losses.crossEntropy(yTrue, z, { labelSmoothing: eps, reduction })))(logits);
    const reference = tf.grad((z: tf.Tensor) => {
      const rows = Array.isArray(yTrue[0]) ? tf.tensor2d(yTrue as number[][]) : tf.oneHot(tf.tensor1d(yTrue as number[], "int32"), 3).toFloat();
      const t = tf.add(tf.mul(rows, 1 - eps), eps / 3);
      const logp = tf.logSoftmax(z);
      const l = tf.neg(tf.sum(tf.where(tf.greater(t, 0), tf.mul(t, logp), tf.zerosLike(logp)), 1));
      return scalar(reduction === "mean" ? tf.mean(l) : reduction === "sum" ? tf.sum(l) : l);
    })(logits);
    const [a, b] = [own.dataSync(), reference.dataSync()];
    a.forEach((v, i) => assert.ok(Math.abs(v - b[i]) <= 1e-6 + 1e-5 * Math.abs(b[i]), `${what}: dz[${i}] ${v} vs autodiff ${b[i]}`));
    tf.dispose([own, reference]);
  }
  tf.dispose([logits, w]);
  assert.equal(tf.memory().numTensors, before, "tensors leaked");
});
