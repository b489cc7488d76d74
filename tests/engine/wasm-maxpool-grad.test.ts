import { test } from "node:test";
import assert from "node:assert/strict";
import { ready, tf } from "dlcourse";
import { wasmMaxPoolGrad } from "../../lib/engine";

test.before(() => ready({ backend: "wasm" }));
test.after(() => wasmMaxPoolGrad.install());

/** Inputs with ties, zeros, all-negative windows (also the one holding flat offset 0), NaNs and plain noise. */
function inputs(shape: [number, number, number, number], seed: number): tf.Tensor4D[] {
  return [
    tf.randomNormal(shape, 0, 1, "float32", seed),
    tf.tidy(() => tf.round(tf.randomUniform(shape, -2, 2, "float32", seed))), // many ties and zeros
    tf.tidy(() => tf.relu(tf.randomNormal(shape, 0, 1, "float32", seed))), // after ReLU, as in a CNN
    tf.tidy(() => tf.neg(tf.abs(tf.randomNormal(shape, 0, 1, "float32", seed)))), // every window negative
    tf.tidy(() => tf.where(tf.less(tf.randomUniform(shape, 0, 1, "float32", seed), 0.1), tf.fill(shape, NaN), tf.randomNormal(shape, 0, 1, "float32", seed))), // NaNs: never a maximum
  ] as tf.Tensor4D[];
}

test("MaxPoolGrad with disjoint windows gives tfjs's bits (ties, zeros, negative windows, odd sizes), and other pools still work", () => {
  const cases: [[number, number, number, number], number, number, "valid" | "same"][] = [
    [[4, 8, 8, 3], 2, 2, "valid"], [[3, 7, 9, 2], 2, 2, "valid"], [[2, 9, 9, 4], 3, 3, "valid"],
    [[2, 8, 8, 3], 2, 2, "same"], [[2, 7, 7, 2], 3, 2, "valid"], [[2, 7, 7, 2], 2, 2, "same"],
    // channels divisible by 4: the SIMD pass (windows cut by the edge at the bottom and right too)
    [[3, 8, 8, 8], 2, 2, "valid"], [[2, 7, 9, 4], 2, 2, "same"], [[2, 9, 7, 12], 2, 2, "valid"], [[2, 9, 9, 8], 3, 3, "valid"],
  ];
  for (const [shape, size, stride, pad] of cases) {
    for (const x of inputs(shape, size + stride)) {
      const f = (a: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(a as tf.Tensor4D, size, stride, pad), tf.randomNormal(tf.maxPool(x, size, stride, pad).shape, 0, 1, "float32", 9)));
      const got = tf.grad(f)(x);
      wasmMaxPoolGrad.uninstall();
      const expected = tf.grad(f)(x);
      wasmMaxPoolGrad.install();
      const [g, e] = [got.dataSync(), expected.dataSync()];
      for (let i = 0; i < e.length; i++) assert.ok(Object.is(g[i], e[i]), `[${shape}] pool ${size}/${stride} ${pad} at ${i}: ${g[i]} vs ${e[i]}`);
      tf.dispose([x, got, expected]);
    }
  }
});
