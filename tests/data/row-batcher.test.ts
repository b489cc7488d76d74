import { test } from "node:test";
import assert from "node:assert/strict";
import { data, ready, tf } from "dlcourse";

test.before(() => ready());

test("rowBatcher copies the same rows as tf.gather, labels as int32", () => {
  const x = tf.randomNormal([7, 3], 0, 1, "float32", 1) as tf.Tensor2D;
  const y = tf.tensor1d([0, 1, 2, 3, 4, 5, 6], "int32");
  const batch = data.rowBatcher(x, y);
  const rows = Int32Array.from([6, 0, 3, 3]);
  const [xb, yb] = batch(rows);
  const idx = tf.tensor1d(rows, "int32");
  assert.deepEqual(xb.arraySync(), tf.gather(x, idx).arraySync());
  assert.deepEqual(Array.from(yb.dataSync()), [6, 0, 3, 3]);
  assert.equal(yb.dtype, "int32");
  assert.deepEqual(xb.shape, [4, 3]);
  tf.dispose([x, y, xb, yb, idx]);
});

test("rowBatcher names itself on bad shapes and out-of-range rows", () => {
  const x = tf.zeros([3, 2]) as tf.Tensor2D;
  assert.throws(() => data.rowBatcher(x, tf.zeros([2], "int32") as tf.Tensor1D), /data\.rowBatcher: expected y as a 1-D tensor \[3\]/);
  assert.throws(() => data.rowBatcher(tf.zeros([3]) as unknown as tf.Tensor2D, tf.zeros([3], "int32") as tf.Tensor1D), /data\.rowBatcher: expected x as a 2-D tensor/);
  const batch = data.rowBatcher(x, tf.zeros([3], "int32") as tf.Tensor1D);
  assert.throws(() => batch([0, 3]), /data\.rowBatcher: row index 3 is outside 0\.\.2/);
});
