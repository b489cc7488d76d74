import { test } from "node:test";
import assert from "node:assert/strict";
import { ready, tf, optim } from "dlcourse";
import { assertSameBits } from "../helpers/tensors";
import { fastNormOp } from "../../lib/engine/fast-norm";

test.before(() => ready({ backend: "wasm" }));
test.after(() => fastNormOp.install()); // the state ready() leaves

/** The norm and its gradient (times a seed, as the lecture's 0.01 * norm) with tfjs's op, then with ours. */
function both(x: tf.Tensor, scale: number): { ours: tf.Tensor[]; tfjs: tf.Tensor[] } {
  const run = () => {
    const { value, grad } = tf.valueAndGrad((v: tf.Tensor) => tf.mul(tf.norm(v), scale))(x);
    return [value, grad];
  };
  fastNormOp.uninstall();
  const tfjs = run();
  assert.equal(fastNormOp.install(), true);
  const before = tf.engine().backend.numDataIds();
  const ours = run();
  assert.equal(tf.engine().backend.numDataIds(), before + 2, "only the value and the gradient stay on the heap");
  return { ours, tfjs };
}

test("tf.norm and its gradient give tfjs's bits: ranks 1 to 3, scales, zeros and signed zeros", () => {
  const shapes = [[50, 50], [2, 50], [50, 3], [7], [3, 4, 5], [1]];
  for (const [i, shape] of shapes.entries()) {
    const x = tf.tidy(() => tf.mul(tf.randomNormal(shape, 0, 1, "float32", i), tf.exp(tf.randomUniform(shape, -10, 10, "float32", 50 + i))));
    for (const scale of [0.01, -3, 1e-30]) {
      const { ours, tfjs } = both(x, scale);
      assertSameBits(ours[0], tfjs[0], `[${shape}] x ${scale}: value`);
      assertSameBits(ours[1], tfjs[1], `[${shape}] x ${scale}: gradient`);
      tf.dispose([...ours, ...tfjs]);
    }
    x.dispose();
  }
  const special = tf.tensor2d([[0, -0, 1, -1], [2.5, -1e-30, 3e-39, -7]]);
  const { ours, tfjs } = both(special, 0.01);
  assertSameBits(ours[1], tfjs[1], "zeros, signed zeros, a subnormal");
  tf.dispose([special, ...ours, ...tfjs]);
});

test("overflowing squares, infinities and NaN propagate as in tfjs's chain", () => {
  for (const values of [[1e20, 2, -3], [3e38, -3e38, 1], [Infinity, 1, -2], [NaN, 1, 2], [0, 0, 0]]) {
    const x = tf.tensor1d(values);
    const { ours, tfjs } = both(x, 0.01);
    assertSameBits(ours[0], tfjs[0], `[${values}]: value`);
    assertSameBits(ours[1], tfjs[1], `[${values}]: gradient`);
    tf.dispose([x, ...ours, ...tfjs]);
  }
});

test("other orders, axes, keepDims, int32 and scalars go to tfjs's own op", () => {
  const x = tf.randomNormal([4, 6], 0, 1, "float32", 9);
  const cases: [string, () => tf.Tensor][] = [
    ["ord 1", () => tf.norm(x, 1)], ["ord Infinity", () => tf.norm(x, Infinity)], ["axis 0", () => tf.norm(x, "euclidean", 0)],
    ["keepDims", () => tf.norm(x, "euclidean", undefined, true)], ["fro over both axes", () => tf.norm(x, "fro", [0, 1])],
    ["scalar", () => tf.norm(tf.scalar(-2))],
  ];
  for (const [label, f] of cases) {
    fastNormOp.uninstall();
    const expected = tf.tidy(f);
    fastNormOp.install();
    const got = tf.tidy(f);
    assertSameBits(got, expected, label);
    tf.dispose([got, expected]);
  }
  // tfjs's op rejects int32 (its sqrt wants float32): the same error through ours.
  assert.throws(() => tf.norm(tf.tensor1d([3, 4], "int32")), /must be float32 tensor, but got int32/);
  x.dispose();
});

test("the lecture's penalty trains the same with it, eagerly and in compileStep, and leaks nothing", () => {
  const train = (compiled: boolean) => {
    const w = tf.tidy(() => [tf.variable(tf.randomNormal([2, 50], 0, 1, "float32", 1)), tf.variable(tf.randomNormal([50, 3], 0, 1, "float32", 2))]);
    const opt = new optim.SGD({ lr: 0.1 });
    const loss = () => tf.mul(tf.addN(w.map((v) => tf.norm(v))), 0.01) as tf.Scalar;
    const step = compiled ? optim.compileStep(loss, opt, { varList: w }) : () => ({ loss: opt.minimize(loss, true, w)! });
    for (let i = 0; i < 6; i++) tf.dispose(step().loss);
    const out = w.map((v) => v.dataSync().slice());
    if (compiled) (step as ReturnType<typeof optim.compileStep>).dispose();
    tf.dispose([...w]);
    opt.dispose();
    return out;
  };
  fastNormOp.uninstall();
  const expected = train(false);
  fastNormOp.install();
  for (const compiled of [false, true]) {
    const before = tf.memory().numTensors;
    const got = train(compiled);
    got.forEach((g, i) => assert.deepEqual([...g], [...expected[i]], `weights ${i}, compiled ${compiled}`));
    assert.equal(tf.memory().numTensors, before, `compiled ${compiled}: no tensor left behind`);
  }
});
