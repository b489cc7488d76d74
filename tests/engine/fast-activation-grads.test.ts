import { test } from "node:test";
import assert from "node:assert/strict";
import { ready, tf, optim } from "dlcourse";
import { assertSameBits } from "../helpers/tensors";
import { activationGrads } from "../../lib/engine/fast-activation-grads";

const ACTIVATIONS: [string, (x: tf.Tensor) => tf.Tensor][] = [["relu", tf.relu], ["sigmoid", tf.sigmoid], ["tanh", tf.tanh]];
const live = () => tf.engine().backend.numDataIds();

test.before(() => ready({ backend: "wasm" }));
test.after(() => activationGrads.forEach((o) => o.install())); // the state ready() leaves

/** d/dx sum(f(x) * w) with tfjs's gradients, then with ours (w gives every element its own dy). */
function both(f: (x: tf.Tensor) => tf.Tensor, x: tf.Tensor, w: tf.Tensor): { ours: tf.Tensor; tfjs: tf.Tensor } {
  const grad = () => tf.grad((v: tf.Tensor) => tf.sum(tf.mul(f(v), w)))(x);
  activationGrads.forEach((o) => o.uninstall());
  const tfjs = grad();
  activationGrads.forEach((o) => assert.equal(o.install(), true));
  const before = live();
  const ours = grad();
  assert.equal(live(), before + 1, "only the gradient stays on the heap");
  return { ours, tfjs };
}

test("ReLU's, sigmoid's and tanh's gradients give tfjs's bits: sizes with and without a remainder of 4, ranks 1 to 3", () => {
  for (const shape of [[300, 50], [7], [3, 5, 4], [1], [2, 3]]) {
    const x = tf.randomNormal(shape, 0, 3, "float32", shape.length);
    const w = tf.randomNormal(shape, 0, 1, "float32", 10 + shape.length);
    for (const [name, f] of ACTIVATIONS) {
      const { ours, tfjs } = both(f, x, w);
      assertSameBits(ours, tfjs, `${name} [${shape}]`);
      tf.dispose([ours, tfjs]);
    }
    tf.dispose([x, w]);
  }
});

test("zeros, signed zeros, saturation, infinities and NaN, in the SIMD lanes and in the remainder", () => {
  // 14 values: the last two (-0, NaN) fall in the remainder the JS loop computes.
  const values = [0, -0, 1e-30, -1e-30, 20, -20, 100, -100, Infinity, -Infinity, NaN, 3, -0, NaN];
  const x = tf.tensor1d(values);
  for (const dyValues of [values.map(() => 1.5), values.map((_, i) => (i % 2 ? -2 : Infinity)), values.map(() => NaN)]) {
    const w = tf.tensor1d(dyValues);
    for (const [name, f] of ACTIVATIONS) {
      const { ours, tfjs } = both(f, x, w);
      assertSameBits(ours, tfjs, `${name} dy ${dyValues[1]}`);
      tf.dispose([ours, tfjs]);
    }
    w.dispose();
  }
  x.dispose();
});

test("a gradient of a gradient works where tfjs's does (its differentiable gradient runs there)", () => {
  // f(u) = act(u) u: the first derivative act'(u) u + act(u) is differentiable through dy = u, while
  // tfjs itself has no path through act' alone (Step's and the saved output's gradients are cut).
  const x = tf.tensor1d([-1.5, 0.3, 2, -0.7]);
  for (const [name, act] of ACTIVATIONS) {
    const f = (u: tf.Tensor) => tf.sum(tf.mul(act(u), u));
    const second = () => tf.grad((v: tf.Tensor) => tf.sum(tf.grad(f)(v)))(x);
    activationGrads.forEach((o) => o.uninstall());
    const expected = second();
    activationGrads.forEach((o) => o.install());
    const got = second();
    assertSameBits(got, expected, `${name}: second derivative`);
    tf.dispose([got, expected]);
  }
  x.dispose();
});

test("an MLP trains to the same bits with them, eagerly and in compileStep", () => {
  const train = (compiled: boolean) => {
    const w = tf.tidy(() => [tf.variable(tf.randomNormal([4, 8], 0, 1, "float32", 1)), tf.variable(tf.randomNormal([8, 8], 0, 1, "float32", 2)), tf.variable(tf.randomNormal([8, 1], 0, 1, "float32", 3))]);
    const [x, y] = [tf.randomNormal([16, 4], 0, 1, "float32", 4), tf.randomNormal([16, 1], 0, 1, "float32", 5)];
    const opt = new optim.SGD({ lr: 0.05 });
    const loss = () => tf.mean(tf.square(tf.sub(tf.matMul(tf.tanh(tf.matMul(tf.sigmoid(tf.relu(tf.matMul(x, w[0]))), w[1])), w[2]), y))) as tf.Scalar;
    const step = compiled ? optim.compileStep(loss, opt, { varList: w }) : () => ({ loss: opt.minimize(loss, true, w)! });
    for (let i = 0; i < 5; i++) tf.dispose(step().loss);
    const out = w.map((v) => v.dataSync().slice());
    if (compiled) (step as ReturnType<typeof optim.compileStep>).dispose();
    tf.dispose([...w, x, y]);
    opt.dispose();
    return out;
  };
  activationGrads.forEach((o) => o.uninstall());
  const expected = train(false);
  activationGrads.forEach((o) => o.install());
  for (const compiled of [false, true]) {
    const before = tf.memory().numTensors;
    const got = train(compiled);
    got.forEach((g, i) => assert.deepEqual([...g], [...expected[i]], `weights ${i}, compiled ${compiled}`));
    assert.equal(tf.memory().numTensors, before, `compiled ${compiled}: no tensor left behind`);
  }
});
