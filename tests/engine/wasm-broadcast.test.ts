import { test } from "node:test";
import assert from "node:assert/strict";
import { ready, tf } from "dlcourse";
import { wasmBroadcast } from "../../lib/engine/wasm-broadcast";
import { assertSameAsTfjs } from "./helpers/override";

test.before(() => ready({ backend: "wasm" }));
test.after(() => wasmBroadcast.forEach((o) => o.install())); // the state ready() leaves

const OPS: [string, (a: tf.Tensor, b: tf.Tensor) => tf.Tensor, (typeof wasmBroadcast)[number]][] = [
  ["add", tf.add, wasmBroadcast[0]], ["sub", tf.sub, wasmBroadcast[1]], ["mul", tf.mul, wasmBroadcast[2]],
];

/** Values across magnitudes, so a different rounding or operand order shows in the bits. */
const values = (shape: number[], seed: number) =>
  tf.tidy(() => tf.mul(tf.randomNormal(shape, 0, 1, "float32", seed), tf.exp(tf.randomUniform(shape, -20, 20, "float32", seed + 1))));

// [full, broadcast operand]: a bias row (widths with a remainder, a multiple of 4, narrower than
// 4, one; sizes with and without a remainder of 4, as the vector pass reads the row modulo its
// width), a [1, N] row, a row under leading axes, a scalar of rank 0 and of rank 2, operands of
// one shape, and shapes left to tfjs (a column, both broadcast, one size but two shapes).
const CASES: [number[], number[]][] = [
  [[300, 50], [50]], [[64, 256], [256]], [[300, 3], [3]], [[9, 2], [2]], [[5, 5], [5]], [[7, 1], [1]], [[5, 8], [1, 8]], [[2, 3, 6], [6]],
  [[130, 2], [2]], [[61, 5], [5]], [[300, 50], []], [[13], [1, 1]], [[4, 4], [1]],
  [[300, 50], [300, 50]], [[61, 5], [61, 5]], [[6, 5], [6, 5]], [[], []],
  [[300, 50], [300, 1]], [[3, 1], [1, 4]], [[6], [1, 6]],
];

test("Add, Sub and Multiply with a row or scalar broadcast give tfjs's bits, either operand first", () => {
  for (const [i, [full, part]] of CASES.entries()) {
    const [x, r] = [values(full, 10 * i), values(part, 10 * i + 5)];
    for (const [name, op, o] of OPS) {
      assertSameAsTfjs(o, () => op(x, r), `${name} [${full}] [${part}]`);
      assertSameAsTfjs(o, () => op(r, x), `${name} [${part}] [${full}]`);
    }
    tf.dispose([x, r]);
  }
});

test("signed zeros, infinities and NaN come out as in tfjs's kernels (vector lanes and JS remainder)", () => {
  const x = tf.tensor2d([[0, -0, Infinity, -Infinity, NaN, 1, -1], [3e38, -3e38, 1e-45, -0, 2, Infinity, NaN]]);
  const same = tf.tensor2d([[-0, 0, -Infinity, Infinity, 1, NaN, 3e38], [3e38, 3e38, 1e-45, 0, -2, -Infinity, 1]]);
  for (const r of [tf.tensor1d([-0, 0, -Infinity, Infinity, 1, NaN, 3e38]), tf.scalar(-0), tf.scalar(Infinity), tf.scalar(3e38), same]) {
    for (const [name, op, o] of OPS) {
      assertSameAsTfjs(o, () => op(x, r), `${name} specials [${r.shape}]`);
      assertSameAsTfjs(o, () => op(r, x), `${name} specials, row first [${r.shape}]`);
    }
    r.dispose();
  }
  x.dispose();
});

test("int32 operands go to tfjs's kernels", () => {
  const [x, r] = [tf.tensor2d([[1, 2, 3, 4, 5], [6, 7, 8, 9, 10]], undefined, "int32"), tf.tensor1d([1, -2, 3, -4, 5], "int32")];
  for (const [name, op, o] of OPS) assertSameAsTfjs(o, () => op(x, r), `${name} int32`);
  tf.dispose([x, r]);
});

test("a dense layer's bias gradient through a broadcast add is tfjs's, and nothing leaks", () => {
  const [x, w, b] = [values([300, 2], 1), values([2, 50], 2), values([50], 3)];
  const grad = () => tf.grad((bias: tf.Tensor) => tf.sum(tf.mul(tf.relu(tf.add(tf.matMul(x, w), bias)), 0.5)))(b);
  const before = tf.memory().numTensors;
  for (const [, , o] of OPS) assertSameAsTfjs(o, grad, "bias gradient");
  assert.equal(tf.memory().numTensors, before, "tensors after");
  tf.dispose([x, w, b]);
});
