import { test } from "node:test";
import assert from "node:assert/strict";
import { tf, ready } from "dlcourse";
import { useSimdConvFilter } from "../../lib/engine";

/** The filter gradient of sum(conv2d(x, w)^2) on the given backend. */
async function filterGrad(backend: string, x: number[][][][], w: number[][][][], stride: number, pad: "same" | "valid"): Promise<Float32Array> {
  await ready({ backend: backend as "wasm" | "cpu" });
  const g = tf.grad((ww: tf.Tensor) => tf.conv2d(tf.tensor4d(x), ww as tf.Tensor4D, stride, pad).square().sum())(tf.tensor4d(w));
  return (await g.data()) as Float32Array;
}

test("wasm Conv2DBackpropFilter equals the cpu backend's for same/valid padding and strides 1, 2", async () => {
  await ready({ backend: "wasm" });
  const x = tf.randomNormal([3, 9, 8, 2], 0, 1, "float32", 1).arraySync() as number[][][][];
  const w = tf.randomNormal([3, 3, 2, 4], 0, 1, "float32", 2).arraySync() as number[][][][];
  for (const [stride, pad] of [[1, "same"], [1, "valid"], [2, "same"], [2, "valid"]] as const) {
    const got = await filterGrad("wasm", x, w, stride, pad);
    const want = await filterGrad("cpu", x, w, stride, pad);
    const err = got.reduce((m, v, i) => Math.max(m, Math.abs(v - want[i]) / (1 + Math.abs(want[i]))), 0);
    assert.ok(err < 1e-4, `stride ${stride}, ${pad}: max relative error ${err}`);
  }
  await ready({ backend: "wasm" });
});

test("the SIMD path gives the composite path's bits (channel blocks, padding, strides, non-finite dy)", async () => {
  await ready({ backend: "wasm" });
  // [x shape, filter shape, stride, pad]: Cout divisible by 4 takes the SIMD path
  const cases: [[number, number, number, number], [number, number, number, number], number, "same" | "valid"][] = [
    [[4, 8, 8, 3], [3, 3, 3, 8], 1, "same"], [[3, 7, 9, 8], [3, 3, 8, 16], 1, "same"], [[2, 6, 6, 5], [2, 2, 5, 12], 1, "valid"],
    [[2, 9, 8, 16], [3, 3, 16, 4], 2, "same"], [[3, 9, 7, 7], [3, 2, 7, 8], 2, "valid"], [[1, 5, 5, 2], [5, 5, 2, 20], 1, "same"],
  ];
  for (const [xShape, wShape, stride, pad] of cases) {
    const x = tf.randomNormal(xShape, 0, 1, "float32", 3) as tf.Tensor4D;
    const w = tf.randomNormal(wShape, 0, 1, "float32", 4) as tf.Tensor4D;
    const yShape = tf.conv2d(x, w, stride, pad).shape;
    // dy: noise, then noise with a few Infs (where a window reaches into the padding, 0 x Inf is NaN)
    const noise = tf.randomNormal(yShape, 0, 1, "float32", 5);
    const special = tf.tidy(() => tf.where(tf.less(tf.randomUniform(yShape, 0, 1, "float32", 6), 0.02), tf.fill(yShape, Infinity), noise));
    for (const dy of [noise, special]) {
      const f = (ww: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(x, ww as tf.Tensor4D, stride, pad), dy));
      const got = tf.grad(f)(w);
      useSimdConvFilter(false);
      const want = tf.grad(f)(w);
      useSimdConvFilter(true);
      const [g, e] = [got.dataSync(), want.dataSync()];
      for (let i = 0; i < e.length; i++) assert.ok(Object.is(g[i], e[i]), `x [${xShape}] w [${wShape}] stride ${stride} ${pad} at ${i}: ${g[i]} vs ${e[i]}`);
      tf.dispose([got, want]);
    }
    tf.dispose([x, w, noise, special]);
  }
});
