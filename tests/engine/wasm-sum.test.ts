import { test } from "node:test";
import assert from "node:assert/strict";
import { ready, tf } from "dlcourse";
import { wasmSum } from "../../lib/engine/wasm-sum";
import { assertSameAsTfjs } from "./helpers/override";
import { assertSameBits } from "../helpers/tensors";

// [x shape, axis]: leading runs of axes (handled here: widths that are multiples of 4, with a
// remainder, exactly 4, narrower than 4), and cases left to tfjs (inner axes, every axis,
// leading axes listed out of order: tfjs adds in the order listed).
const CASES: [number[], number | number[]][] = [
  [[300, 50], 0], [[300, 3], 0], [[64, 256], [0]], [[7, 5], -2], [[1, 9], 0], [[33, 4], 0],
  [[2, 3, 4], [0, 1]], [[2, 3, 4], [1, 0]], [[5, 1, 6], 0], [[4, 6, 7], 0],
  [[300, 50], 1], [[300, 50], [0, 1]], [[2, 3, 4], [0, 2]], [[10], 0],
];

test.before(() => ready({ backend: "wasm" }));
test.after(() => wasmSum.install()); // the state ready() leaves

function checkSame(x: tf.Tensor, axis: number | number[], keepDims: boolean): void {
  assertSameAsTfjs(wasmSum, () => tf.sum(x, axis, keepDims), `[${x.shape}] axis ${JSON.stringify(axis)} keepDims ${keepDims}`);
}

test("Sum over leading axes gives tfjs's own bits (rows added in order), for every shape and keepDims", () => {
  for (const [i, [shape, axis]] of CASES.entries()) {
    // Wide range of magnitudes so that the order of the adds shows in the last bits.
    const x = tf.tidy(() => tf.mul(tf.randomNormal(shape, 0, 1, "float32", i), tf.exp(tf.randomUniform(shape, -8, 8, "float32", 100 + i))));
    for (const keepDims of [false, true]) checkSame(x, axis, keepDims);
    tf.dispose(x);
  }
});

test("Sum keeps -0, infinities and NaN where tfjs does, and leaves int32 to tfjs", () => {
  const x = tf.tensor2d([[-0, 1, Infinity, NaN, -0], [-0, -1, -Infinity, 2, -0]]);
  checkSame(x, 0, false);
  const ints = tf.tensor2d([[1, 2, 3, 4, 5], [6, 7, 8, 9, 10]], undefined, "int32");
  checkSame(ints, 0, false);
  tf.dispose([x, ints]);
});

test("an empty batch sums to zeros (tfjs's own kernel leaves the output unwritten)", () => {
  for (const d of [8, 3]) {
    const got = tf.sum(tf.zeros([0, d]), 0);
    assert.deepEqual([...got.dataSync()], new Array(d).fill(0));
    got.dispose();
  }
});

test("a dense layer's bias gradient goes through it and matches tfjs's", () => {
  const [x, w, b] = [tf.randomNormal([300, 2], 0, 1, "float32", 7), tf.randomNormal([2, 50], 0, 1, "float32", 8), tf.randomNormal([50], 0, 1, "float32", 9)];
  const grad = () => tf.grad((bias: tf.Tensor) => tf.sum(tf.square(tf.relu(tf.add(tf.matMul(x, w), bias)))))(b);
  wasmSum.uninstall();
  const expected = grad();
  wasmSum.install();
  const got = grad();
  assertSameBits(got, expected, "bias gradient");
  tf.dispose([x, w, b, got, expected]);
});
