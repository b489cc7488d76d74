import { test } from "node:test";
import assert from "node:assert/strict";
import { nn, ready, tf } from "dlcourse";
import { dropoutMask } from "../../lib/nn/dropout-mask";
import { noLeaks } from "../helpers/tensors";

test.before(() => ready());

/** Entries whose bits differ (no NaN arises here). */
function differing(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) n++;
  return n;
}

/** The ops the two dropouts ran before dropoutMask: the reference for every bit. */
const opsMask = {
  forward: (shape: number[], p: number, seed?: number) =>
    tf.tidy(() => tf.mul(tf.cast(tf.greaterEqual(tf.randomUniform(shape, 0, 1, "float32", seed), p), "float32"), p === 1 ? 0 : 1 / (1 - p))),
  layer: (shape: number[], p: number, seed?: number) =>
    tf.tidy(() => tf.div(tf.cast(tf.greaterEqual(tf.randomUniform(shape, 0, 1, "float32", seed), p), "float32"), 1 - p)),
};

// 0.025: float32(1 / 0.975) and float32(1 / float32(0.975)) differ, so each route's rounding is
// checked; [64, 100] takes the 4-stream path.
for (const p of [0.025, 0.1, 0.3, 0.5, 0.9]) {
  test(`nn.dropoutForward's mask is the ops' mask bit for bit (p = ${p})`, async () => {
    await noLeaks(() => {
      const cases: [number[], number][] = [[[64, 100], 7], [[3, 5], 0], [[10007], 123]];
      for (const [shape, seed] of cases) {
        const x = tf.ones(shape);
        const { out, cache } = nn.dropoutForward(x, { p, seed });
        const ref = opsMask.forward(shape, p, seed);
        assert.equal(differing(out.dataSync(), ref.dataSync()), 0, `shape [${shape}] seed ${seed}`);
        tf.dispose([x, out, ref, cache.mask!]);
      }
    });
  });
}

test("nn.Dropout's mask is the ops' mask bit for bit, and the seed advances per call", async () => {
  await noLeaks(() => {
    for (const p of [0.025, 0.2, 0.7]) {
      const d = new nn.Dropout({ p, seed: 11 });
      const x = tf.ones([256, 40]);
      for (const call of [0, 1]) {
        const out = d.apply(x, { training: true }) as tf.Tensor;
        const ref = opsMask.layer([256, 40], p, 11 + call);
        assert.equal(differing(out.dataSync(), ref.dataSync()), 0, `p ${p} call ${call}`);
        tf.dispose([out, ref]);
      }
      x.dispose();
    }
  });
});

test("unseeded masks take one Math.random draw as their seed, as tfjs does", () => {
  const real = Math.random;
  try {
    Math.random = () => 0.25;
    const mask = dropoutMask([50, 100], { p: 0.4, scale: 2 });
    const ref = opsMask.forward([50, 100], 0.4, undefined);
    assert.equal(differing(mask.dataSync(), Float32Array.from(ref.dataSync(), (v) => (v === 0 ? 0 : 2))), 0);
    tf.dispose([mask, ref]);
  } finally {
    Math.random = real;
  }
});

test("the mask's entries are 0 or scale, about p of them 0, and p = 1 gives zeros", () => {
  const m = dropoutMask([100000], { p: 0.3, scale: 5, seed: 2 });
  const v = m.dataSync();
  assert.ok(v.every((a) => a === 0 || a === 5));
  const dropped = v.filter((a) => a === 0).length / v.length;
  assert.ok(Math.abs(dropped - 0.3) < 0.01, `dropped ${dropped}`);
  const all = dropoutMask([1000], { p: 1, scale: 0, seed: 2 });
  assert.ok(all.dataSync().every((a) => a === 0));
  tf.dispose([m, all]);
});
