// lib/nn/layer.ts: alias, the kernel-free handle the from-scratch layers keep in their caches.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ready, tf } from "dlcourse";
import { alias } from "../../lib/nn/layer";

test("alias: its own handle on the data, no kernel; either handle can be disposed first", async () => {
  await ready();
  const before = tf.memory().numTensors;
  const x = tf.tensor2d([[1, 2], [3, 4]]);
  const info = await tf.profile(() => {
    const a = alias(x);
    x.dispose(); // the caller frees its tensor: the cache's handle still reads the data
    assert.deepEqual(Array.from(a.dataSync()), [1, 2, 3, 4]);
    assert.deepEqual(a.shape, [2, 2]);
    a.dispose();
  });
  assert.equal(info.kernels.length, 0, info.kernels.map((k) => k.name).join(","));
  const y = tf.tensor1d([5, 6]);
  alias(y).dispose(); // the cache is freed first: the caller's tensor is untouched
  assert.deepEqual(Array.from(y.dataSync()), [5, 6]);
  y.dispose();
  assert.equal(tf.memory().numTensors, before, "tensors leaked");
});
