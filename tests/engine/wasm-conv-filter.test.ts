import { test } from "node:test";
import assert from "node:assert/strict";
import { tf, ready } from "dlcourse";

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
