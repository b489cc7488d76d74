import { test } from "node:test";
import assert from "node:assert/strict";
import { tf, ready, data } from "dlcourse";

/** A 4x4 image with a single lit pixel at (row, col). */
const dot = (row: number, col: number) => tf.tensor2d([Array.from({ length: 16 }, (_, k) => (k === row * 4 + col ? 1 : 0))]);
const litAt = (t: tf.Tensor) => Array.from(t.dataSync()).flatMap((v, k) => (v > 0.5 ? [[Math.floor(k / 4), k % 4]] : []));

test("augmentImages: no options is the identity; x is not changed", async () => {
  await ready();
  const x = tf.tensor2d([[0.1, 0.5, 0.9, 0.2]]);
  assert.deepEqual(Array.from(data.augmentImages(x, { size: [2, 2] }).dataSync()), Array.from(x.dataSync()));
});

test("augmentImages: flip = 1 mirrors left-right, twice is the identity", async () => {
  await ready();
  const once = data.augmentImages(dot(1, 0), { size: [4, 4], flip: 1 });
  assert.deepEqual(litAt(once), [[1, 3]]);
  assert.deepEqual(litAt(data.augmentImages(once as tf.Tensor2D, { size: [4, 4], flip: 1 })), [[1, 0]]);
});

test("augmentImages: shifts move the content by at most `shift` pixels, seeded", async () => {
  await ready();
  const x = tf.tile(dot(1, 1), [50, 1]) as tf.Tensor2D;
  const a = data.augmentImages(x, { size: [4, 4], shift: 1, seed: 3 });
  assert.deepEqual(Array.from(data.augmentImages(x, { size: [4, 4], shift: 1, seed: 3 }).dataSync()), Array.from(a.dataSync()));
  const rows = tf.split(a, 50);
  const positions = new Set(rows.map((r) => JSON.stringify(litAt(r))));
  assert.ok(positions.size > 3, "several different shifts occur");
  rows.forEach((r) => litAt(r).forEach(([y, xx]) => assert.ok(Math.abs(y - 1) <= 1 && Math.abs(xx - 1) <= 1)));
});

test("augmentImages: rotating by 90 degrees turns a corner pixel into the next corner", async () => {
  await ready();
  // rotate: 90 draws angles in [-90, 90]; find seeds giving nearly +-90 by checking both corners appear
  const x = tf.tile(dot(0, 0), [200, 1]) as tf.Tensor2D;
  const spots = new Set(tf.split(data.augmentImages(x, { size: [4, 4], rotate: 90, seed: 1 }), 200).map((r) => JSON.stringify(litAt(r))));
  assert.ok(spots.has(JSON.stringify([[0, 3]])) && spots.has(JSON.stringify([[3, 0]])), `corners reached: ${[...spots].join(" ")}`);
});

test("augmentImages: noise has the requested std (before clipping), brightness scales", async () => {
  await ready();
  const x = tf.fill([20, 784], 0.5) as tf.Tensor2D;
  const v = Array.from(data.augmentImages(x, { noise: 0.05, seed: 2 }).dataSync());
  const mean = v.reduce((s, a) => s + a, 0) / v.length;
  const std = Math.sqrt(v.reduce((s, a) => s + (a - mean) ** 2, 0) / v.length);
  assert.ok(Math.abs(mean - 0.5) < 0.005 && Math.abs(std - 0.05) < 0.005, `mean ${mean}, std ${std}`);
  const b = Array.from(data.augmentImages(x, { brightness: 0.2, seed: 2 }).dataSync());
  assert.ok(b.every((p) => p >= 0.4 - 1e-6 && p <= 0.6 + 1e-6));
  assert.ok(Math.max(...b) - Math.min(...b) > 0.05, "brightness differs between images");
});

test("augmentImages: bad input names the problem", async () => {
  await ready();
  assert.throws(() => data.augmentImages(tf.zeros([2, 10]) as tf.Tensor2D), /data.augmentImages: expected x \[N, 784\] for 28x28 images, got \[2, 10\]/);
  assert.throws(() => data.augmentImages(tf.zeros([1, 784]) as tf.Tensor2D, { shift: -1 }), /expected shift >= 0, got -1/);
  assert.throws(() => data.augmentImages(tf.zeros([1, 784]) as tf.Tensor2D, { flip: 2 }), /expected flip \(a probability\) in \[0, 1\], got 2/);
});
