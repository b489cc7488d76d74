import { test } from "node:test";
import assert from "node:assert/strict";
import { ready, tf } from "dlcourse";
import { aleaJump, aleaSeed, fillUniform } from "../../lib/core";

test.before(() => ready());

/** Counts the entries where two arrays differ in their bits (NaN never appears here). */
function differing(a: Float32Array, b: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) n++;
  return n;
}

// Sizes below the 4-stream threshold, at it, and with 1-3 left over for the tail loop.
for (const n of [1, 7, 4095, 4096, 4099, 100003]) {
  test(`fillUniform draws tf.randomUniform's numbers bit for bit (n = ${n})`, () => {
    for (const seed of [0, 1, 42, 2 ** 31 + 5, 0.5]) {
      const out = new Float32Array(n);
      fillUniform(out, aleaSeed(seed));
      const ref = tf.tidy(() => tf.randomUniform([n], 0, 1, "float32", seed).dataSync());
      assert.equal(differing(out, ref), 0, `seed ${seed}`);
    }
  });
}

test("fillUniform with min and range matches tf.randomUniform(shape, min, max)", () => {
  const [min, max] = [-0.0625, 0.3];
  const out = new Float32Array(20000);
  fillUniform(out, aleaSeed(9), min, max - min);
  const ref = tf.tidy(() => tf.randomUniform([20000], min, max, "float32", 9).dataSync());
  assert.equal(differing(out, ref), 0);
});

test("unseeded: one Math.random draw seeds the stream, as in tfjs", () => {
  const real = Math.random;
  try {
    Math.random = () => 0.123456789;
    const out = new Float32Array(5000);
    fillUniform(out, aleaSeed(undefined));
    const ref = tf.tidy(() => tf.randomUniform([5000]).dataSync());
    assert.equal(differing(out, ref), 0);
  } finally {
    Math.random = real;
  }
});

test("aleaJump(k) lands where k sequential draws land", () => {
  // Working: the jumped state's next output is draw k + 1 of the plain stream.
  const s = aleaSeed(3);
  const seq = new Float32Array(1001);
  fillUniform(seq, s); // below 4096: the plain loop
  for (const k of [0, 1, 2, 3, 500, 1000]) {
    const one = new Float32Array(1);
    fillUniform(one, aleaJump(s, k)!);
    assert.equal(one[0], seq[k], `k = ${k}`);
  }
  assert.deepEqual(aleaJump(s, 0), s);
});

test("the degenerate states (no cycle) are reported, not jumped through", () => {
  const top = 2 ** 32 - 1;
  assert.equal(aleaJump({ x0: 0, x1: 0, x2: 0, c: 0 }, 5), null);
  assert.equal(aleaJump({ x0: top, x1: top, x2: top, c: 2091638 }, 5), null);
});
