import { test } from "node:test";
import assert from "node:assert/strict";
import { nn, ready, tf } from "dlcourse";
import { assertClose, fixture, noLeaks } from "../helpers/tensors";

const ref = fixture("nn", "nn.json").dense;
test.before(() => ready());

test("dense forward and backward match PyTorch (float64 reference, float32 compute)", async () => {
  await noLeaks(() => {
    const { out, cache } = nn.denseForward(ref.x, ref.w, ref.b);
    assertClose(out, ref.out, "out", { rtol: 1e-5, atol: 1e-5 });
    const dout = tf.tensor(ref.dout);
    const { dx, dw, db } = nn.denseBackward(dout, cache);
    assertClose(dx, ref.dx, "dx", { rtol: 1e-5, atol: 1e-5 });
    assertClose(dw, ref.dw, "dw", { rtol: 1e-5, atol: 1e-5 });
    assertClose(db, ref.db, "db", { rtol: 1e-5, atol: 1e-5 });
    tf.dispose([out, dout, dx, dw, db]);
    nn.disposeCache(cache);
  });
});

test("denseParamGrads gives denseBackward's dw and db, bit for bit, without dx", async () => {
  await noLeaks(() => {
    const { out, cache } = nn.denseForward(ref.x, ref.w, ref.b);
    const dout = tf.tensor(ref.dout);
    const full = nn.denseBackward(dout, cache);
    const params = nn.denseParamGrads(dout, cache);
    assert.deepEqual(Object.keys(params).sort(), ["db", "dw"]);
    assert.deepEqual(params.dw.dataSync(), full.dw.dataSync());
    assert.deepEqual(params.db.dataSync(), full.db.dataSync());
    assert.throws(() => tf.tidy(() => void nn.denseParamGrads(tf.zeros([1, 1]), cache)), /nn\.denseParamGrads: expected dout \[\d+, \d+\], got \[1, 1\]/);
    tf.dispose([out, dout, full.dx, full.dw, full.db, params.dw, params.db]);
    nn.disposeCache(cache);
  });
});

test("disposing the cache leaves the caller's tensors alive", () => {
  const [x, w, b] = [tf.ones([2, 3]), tf.ones([3, 4]), tf.zeros([4])];
  const { out, cache } = nn.denseForward(x, w, b);
  nn.disposeCache(cache);
  assert.ok(!x.isDisposed && !w.isDisposed);
  tf.dispose([x, w, b, out]);
});

test("shape mismatches name the argument and both shapes", async () => {
  await noLeaks(() => {
    assert.throws(() => tf.tidy(() => void nn.denseForward(tf.zeros([32, 5]), tf.zeros([4, 10]), tf.zeros([10]))), /nn\.denseForward: expected w \[5, M\], got \[4, 10\]/);
    assert.throws(() => nn.denseForward([[1, 2]], [[1], [2]], [1, 2]), /nn\.denseForward: expected b \[1\], got \[2\]/);
    assert.throws(() => nn.denseForward([1, 2], [[1], [2]], [1]), /nn\.denseForward: expected x \[N, D\], got \[2\]/);
  });
  const { cache, out } = nn.denseForward(tf.zeros([2, 3]), tf.zeros([3, 4]), tf.zeros([4]));
  assert.throws(() => nn.denseBackward(tf.zeros([2, 5]), cache), /nn\.denseBackward: expected dout \[2, 4\], got \[2, 5\]/);
  nn.disposeCache(cache);
  out.dispose();
});
