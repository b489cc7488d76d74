import { test } from "node:test";
import assert from "node:assert/strict";
import { ready, tf } from "dlcourse";
import { wasmConvInput } from "../../lib/engine";

// [N, H, W, Cin, Cout, K, padding, stride]: notebook 15's first two layers, valid padding, an even
// kernel (asymmetric "same" padding), a 5x5 kernel, and a stride of 2 (tfjs's own kernel).
const CASES: [number, number, number, number, number, number, "same" | "valid", number][] = [
  [64, 32, 32, 3, 8, 3, "same", 1], [64, 16, 16, 8, 16, 3, "same", 1], [4, 17, 19, 5, 6, 3, "valid", 1],
  [8, 12, 12, 3, 4, 2, "same", 1], [8, 10, 10, 4, 4, 5, "same", 1], [8, 16, 16, 4, 8, 3, "same", 2],
];

test.before(() => ready({ backend: "wasm" }));
test.after(() => wasmConvInput.install());

test("wasm Conv2DBackpropInput as a forward convolution gives tfjs's bits and frees its temporaries", () => {
  for (const [n, h, w, ci, co, k, pad, stride] of CASES) {
    const x = tf.randomNormal([n, h, w, ci], 0, 1, "float32", 1) as tf.Tensor4D;
    const filter = tf.randomNormal([k, k, ci, co], 0, 1, "float32", 2) as tf.Tensor4D;
    const y = tf.conv2d(x, filter, stride, pad);
    const dy = tf.randomNormal(y.shape, 0, 1, "float32", 3) as tf.Tensor4D;
    wasmConvInput.uninstall();
    const expected = tf.conv2dTranspose(dy, filter, x.shape, stride, pad);
    wasmConvInput.install();
    const [tensors, data] = [tf.memory().numTensors, tf.engine().backend.numDataIds()];
    const got = tf.conv2dTranspose(dy, filter, x.shape, stride, pad);
    assert.equal(tf.memory().numTensors, tensors + 1, "only the result stays");
    assert.equal(tf.engine().backend.numDataIds(), data + 1, "only the result's data stays");
    assert.deepEqual(got.shape, expected.shape);
    assert.deepEqual(Array.from(got.dataSync()), Array.from(expected.dataSync()), `${[n, h, w, ci, co, k, pad, stride]}`);
    tf.dispose([x, filter, y, dy, expected, got]);
  }
});

test("a conv2d layer's gradients are unchanged", () => {
  const x = tf.randomNormal([16, 12, 12, 3], 0, 1, "float32", 4) as tf.Tensor4D;
  const filter = tf.randomNormal([3, 3, 3, 8], 0, 1, "float32", 5) as tf.Tensor4D;
  const f = (a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.square(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 1, "same")));
  wasmConvInput.uninstall();
  const expected = tf.grads(f)([x, filter]);
  wasmConvInput.install();
  const got = tf.grads(f)([x, filter]);
  got.forEach((g, i) => assert.deepEqual(Array.from(g.dataSync()), Array.from(expected[i].dataSync())));
  tf.dispose([x, filter, ...expected, ...got]);
});
