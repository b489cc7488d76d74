import { test } from "node:test";
import assert from "node:assert/strict";
import { ready, tf } from "dlcourse";
import { assertSameBits } from "../helpers/tensors";
import { leanGrads } from "../../lib/engine/lean-grads";

const live = () => tf.engine().backend.numDataIds();

test.before(() => ready({ backend: "wasm" }));
test.after(() => leanGrads.forEach((o) => o.install())); // the state ready() leaves

/** d/d(a, b) sum(f(a, b) * w) with tfjs's gradients, then with ours; w gives every element its own dy. */
function assertSameGrads(f: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor, a: tf.Tensor, b: tf.Tensor, what: string): void {
  const w = tf.tidy(() => tf.randomNormal(tf.tidy(() => f(a, b)).shape, 0, 1, "float32", 5));
  const run = () => tf.grads((u: tf.Tensor, v: tf.Tensor) => tf.sum(tf.mul(f(u, v), w)))([a, b]);
  leanGrads.forEach((o) => o.uninstall());
  const held = () => [tf.memory().numTensors, live()];
  const start = held();
  const expected = run();
  const theirs = held().map((n, i) => n - start[i]);
  leanGrads.forEach((o) => assert.equal(o.install(), true));
  const before = held();
  const got = run();
  assert.deepEqual(held().map((n, i) => n - before[i]), theirs, `${what}: the same tensors and buffers stay as with tfjs's gradients`);
  got.forEach((g, i) => {
    assert.deepEqual(g.shape, expected[i].shape, `${what}: shape of d${"ab"[i]}`);
    assertSameBits(g, expected[i], `${what}: d${"ab"[i]}`);
  });
  tf.dispose([w, ...got, ...expected]);
}

const SHAPES: [number[], number[]][] = [[[300, 50], [50]], [[300, 50], [1, 50]], [[4, 3], [4, 3]], [[3, 1], [1, 4]], [[2, 3], []], [[5], [2, 1, 5]]];

test("Add's and Multiply's gradients give tfjs's bits for every broadcast, keeping what tfjs keeps", () => {
  for (const [sa, sb] of SHAPES) {
    const a = tf.randomNormal(sa, 0, 2, "float32", 1);
    const b = tf.randomNormal(sb, 0, 2, "float32", 2);
    assertSameGrads(tf.add, a, b, `add [${sa}] [${sb}]`);
    assertSameGrads(tf.mul, a, b, `mul [${sa}] [${sb}]`);
    assertSameGrads((u, v) => tf.add(tf.mul(u, 3), tf.mul(v, tf.scalar(2, "int32"))), a, b, `an int32 factor, [${sa}] [${sb}]`);
    tf.dispose([a, b]);
  }
});

test("AddN's and Mean's gradients give tfjs's bits; a mean over some axes takes tfjs's gradient", () => {
  const a = tf.randomNormal([50, 3], 0, 1, "float32", 3);
  const b = tf.randomNormal([50, 3], 0, 1, "float32", 4);
  assertSameGrads((u, v) => tf.addN([u, v, u]), a, b, "addN with a repeated input");
  assertSameGrads((u, v) => tf.add(tf.mean(u), tf.mul(tf.mean(v), 7)), a, b, "mean over every axis");
  assertSameGrads((u, v) => tf.add(tf.mean(u, 0), tf.mean(v, [0, 1], true)), a, b, "mean over axis 0, and keepDims");
  for (const n of [3, 7, 11, 49, 300]) {
    const x = tf.randomNormal([n], 0, 1, "float32", n);
    for (const k of [1.1, -3.7, 0.3, 1e-20]) {
      const factor = tf.scalar(k);
      assertSameGrads((u, v) => tf.mul(tf.mean(u), v), x, factor, `mean of ${n} times ${k}`);
      factor.dispose();
    }
    x.dispose();
  }
  const odd = tf.tensor2d([[1, NaN], [Infinity, -0]]);
  assertSameGrads((u, v) => tf.mul(tf.mean(u), tf.sum(v)), odd, odd, "a NaN and infinite dy");
  tf.dispose([a, b, odd]);
});

test("a gradient of a gradient works as with tfjs's gradients (they run there)", () => {
  const a = tf.tensor1d([0.5, -1.5, 2]);
  const b = tf.tensor1d([3, 0.25, -1]);
  const second = () => tf.grads((u: tf.Tensor, v: tf.Tensor) =>
    tf.sum(tf.grad((s: tf.Tensor) => tf.mean(tf.mul(tf.addN([s, u]), tf.add(s, v))))(u)))([a, b]);
  leanGrads.forEach((o) => o.uninstall());
  const expected = second();
  leanGrads.forEach((o) => o.install());
  second().forEach((g, i) => assertSameBits(g, expected[i], `second derivative d${"ab"[i]}`));
  tf.dispose([a, b, ...expected]);
});
