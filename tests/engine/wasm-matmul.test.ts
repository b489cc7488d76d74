import { test } from "node:test";
import assert from "node:assert/strict";
import { ready, tf } from "dlcourse";
import { wasmMatMul } from "../../lib/engine";

// Every transpose combination, 2-D and batched (with broadcasting), including the dense-layer
// backward shapes the rewrite is for: dW = X^T dY and dX = dY W^T.
const CASES: [number[], number[], boolean, boolean][] = [
  [[64, 183], [64, 16], true, false],
  [[30, 5], [30, 40], true, false],
  [[64, 16], [183, 16], false, true],
  [[16, 64], [183, 16], true, true],
  [[7, 5], [5, 3], false, false],
  [[2, 5, 7], [2, 5, 3], true, false],
  [[3, 4], [3, 5, 4], false, true],
  [[2, 4, 3], [1, 5, 4], true, true],
];

test.before(() => ready({ backend: "wasm" }));
test.after(() => wasmMatMul.uninstall());

test("the rewritten wasm BatchMatMul gives tfjs's products for every transpose combination", () => {
  for (const [sa, sb, ta, tb] of CASES) {
    const a = tf.randomNormal(sa, 0, 1, "float32", 1);
    const b = tf.randomNormal(sb, 0, 1, "float32", 2);
    wasmMatMul.uninstall();
    const expected = tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D, ta, tb);
    assert.equal(wasmMatMul.install(), true);
    const before = tf.memory().numTensors;
    const got = tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D, ta, tb);
    assert.equal(tf.memory().numTensors, before + 1, `only the result stays alive for ${sa} x ${sb}`);
    assert.deepEqual(got.shape, expected.shape);
    const e = expected.dataSync();
    const g = got.dataSync();
    for (let i = 0; i < e.length; i++) {
      assert.ok(Math.abs(e[i] - g[i]) <= 1e-5 * (1 + Math.abs(e[i])), `${sa} x ${sb} (${ta}, ${tb}) at ${i}: ${g[i]} vs ${e[i]}`);
    }
    tf.dispose([a, b, expected, got]);
  }
});

test("gradients of a dense layer are unchanged, and installing twice is harmless", () => {
  const x = tf.randomNormal([32, 20], 0, 1, "float32", 3);
  const w = tf.randomNormal([20, 4], 0, 1, "float32", 4);
  const f = (xx: tf.Tensor, ww: tf.Tensor) => tf.sum(tf.relu(tf.matMul(xx as tf.Tensor2D, ww as tf.Tensor2D)));
  wasmMatMul.uninstall();
  const [dx0, dw0] = tf.grads(f)([x, w]);
  wasmMatMul.install();
  wasmMatMul.install();
  const [dx1, dw1] = tf.grads(f)([x, w]);
  for (const [p, q] of [[dx0, dx1], [dw0, dw1]]) {
    assert.ok(tf.max(tf.abs(tf.sub(p, q))).dataSync()[0] < 1e-4);
  }
  tf.dispose([x, w, dx0, dw0, dx1, dw1]);
});

test("uninstall restores tfjs's own kernel", () => {
  wasmMatMul.install();
  const ours = tf.getKernel("BatchMatMul", "wasm")!.kernelFunc;
  wasmMatMul.uninstall();
  assert.notEqual(tf.getKernel("BatchMatMul", "wasm")!.kernelFunc, ours);
});
