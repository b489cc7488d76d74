import { test } from "node:test";
import assert from "node:assert/strict";
import { nn, ready, tf } from "dlcourse";
import { fixture, noLeaks } from "../helpers/tensors";

const ref = fixture("nn", "nn.json").dropout;
test.before(() => ready());

for (const [p, r] of Object.entries<any>(ref)) {
  test(`dropout p=${p}: kept units scaled by 1/(1-p) like PyTorch, about p of them dropped`, async () => {
    await noLeaks(() => {
      const x = tf.ones([100000]);
      const { out, cache } = nn.dropoutForward(x, { p: Number(p), seed: 1 });
      const v = out.dataSync();
      const kept = Array.from(v).filter((a) => a !== 0);
      assert.ok(kept.every((a) => Math.abs(a - r.scale) < 1e-6), `scale ${kept[0]} vs torch ${r.scale}`);
      const frac = 1 - kept.length / v.length;
      // binomial sd sqrt(p(1-p)/n) < 0.0016; torch's own fraction is a sample too
      assert.ok(Math.abs(frac - Number(p)) < 0.01 && Math.abs(frac - r.dropFraction) < 0.015, `dropped ${frac}`);
      const mean = kept.reduce((s, a) => s + a, 0) / v.length;
      assert.ok(Math.abs(mean - 1) < 0.05, `E[out] = ${mean}, expected x = 1`);
      const ones = tf.onesLike(out);
      const { dx } = nn.dropoutBackward(ones, cache);
      assert.deepEqual(dx.dataSync(), v);
      tf.dispose([x, out, dx, ones, cache.mask!]);
    });
  });
}

test("eval mode is the identity, and so is its backward", async () => {
  await noLeaks(() => {
    const x = tf.tensor([[1, -2], [3, 4]]);
    const { out, cache } = nn.dropoutForward(x, { p: 0.9, training: false });
    assert.deepEqual(out.arraySync(), [[1, -2], [3, 4]]);
    assert.equal(cache.mask, null);
    const { dx } = nn.dropoutBackward(x, cache);
    assert.deepEqual(dx.arraySync(), [[1, -2], [3, 4]]);
    tf.dispose([x, out, dx]);
  });
});

test("seeded masks repeat; p = 1 drops everything; p = 0 keeps everything", () => {
  const x = tf.ones([50]);
  const [a, b] = [nn.dropoutForward(x, { seed: 3 }), nn.dropoutForward(x, { seed: 3 })];
  assert.deepEqual(a.out.dataSync(), b.out.dataSync());
  const all = nn.dropoutForward(x, { p: 1 });
  assert.ok(all.out.dataSync().every((v) => v === 0));
  const none = nn.dropoutForward(x, { p: 0 });
  assert.ok(none.out.dataSync().every((v) => v === 1));
  tf.dispose([x, a.out, b.out, all.out, none.out]);
  [a, b, all, none].forEach((r) => nn.disposeCache(r.cache));
});

test("p outside [0, 1] is refused with the value", () => {
  assert.throws(() => nn.dropoutForward([1], { p: 1.5 }), /nn\.dropoutForward: expected p \(drop probability\) in \[0, 1\], got 1\.5/);
  assert.throws(() => nn.dropoutForward([1], { p: -0.1 }), /got -0\.1/);
});
