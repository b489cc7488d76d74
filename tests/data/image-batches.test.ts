import { test } from "node:test";
import assert from "node:assert/strict";
import { tf, ready, data } from "dlcourse";

/** n images of h×w×3 where pixel (i, y, x, c) = (i*10 + y*4 + x + c) % 256, labels i % 10. */
function set(n: number, h = 2, w = 2): data.ImageSet {
  const images = Uint8Array.from({ length: n * h * w * 3 }, (_, k) => {
    const [i, y, x, c] = [Math.floor(k / (h * w * 3)), Math.floor(k / (w * 3)) % h, Math.floor(k / 3) % w, k % 3];
    return (i * 10 + y * 4 + x + c) % 256;
  });
  return { images, labels: Uint8Array.from({ length: n }, (_, i) => i % 10), count: n, shape: [h, w, 3] };
}

test("channelStats: mean and std per channel of values / 255", () => {
  const s = data.channelStats(set(3));
  const red = [0, 1, 4, 5, 10, 11, 14, 15, 20, 21, 24, 25].map((v) => v / 255);
  const mean = red.reduce((a, b) => a + b) / red.length;
  const std = Math.sqrt(red.reduce((a, b) => a + (b - mean) ** 2, 0) / red.length);
  assert.ok(Math.abs(s.mean[0] - mean) < 1e-9 && Math.abs(s.std[0] - std) < 1e-9, JSON.stringify(s));
  assert.ok(Math.abs(s.mean[2] - (mean + 2 / 255)) < 1e-9);
});

test("imageTensors: rows start..start+count, (x/255 - mean)/std, one-hot labels", async () => {
  await ready();
  const norm = { mean: [0.1, 0.2, 0.3], std: [0.5, 0.5, 2] };
  const { x, y } = data.imageTensors(set(5), { start: 2, count: 2, normalize: norm });
  assert.deepEqual(x.shape, [2, 2, 2, 3]);
  const v = x.dataSync();
  // image 3, y 1, x 0, c 2: (30 + 4 + 0 + 2) = 36
  assert.ok(Math.abs(v[(1 * 4 + 2) * 3 + 2] - (36 / 255 - 0.3) / 2) < 1e-6);
  assert.deepEqual(y.argMax(-1).arraySync(), [2, 3]);
  assert.throws(() => data.imageTensors(set(5), { start: 4, count: 2 }), /expected rows start\.\.start\+count within 0\.\.5/);
  assert.throws(() => data.imageTensors({ images: new Uint8Array(3), labels: new Uint8Array(1), count: 1, shape: [2, 2, 3] }), /expected an ImageSet/);
});

test("imageBatches: every row once per epoch, seeded order, batches of B", async () => {
  await ready();
  const epoch = (seed: number) => [...data.imageBatches(set(23), { batchSize: 5, seed, oneHot: false })];
  const a = epoch(1);
  assert.deepEqual(a.map((b) => b.xs.shape[0]), [5, 5, 5, 5, 3]);
  const labels = a.flatMap((b) => Array.from(b.ys.dataSync()));
  const firstPixels = a.flatMap((b) => tf.split(b.xs, b.xs.shape[0]).map((t) => Math.round(t.dataSync()[0] * 255)));
  assert.deepEqual([...firstPixels].sort((p, q) => p - q), Array.from({ length: 23 }, (_, i) => (i * 10) % 256).sort((p, q) => p - q));
  assert.deepEqual(labels, firstPixels.map((p) => (p / 10) % 10));
  assert.deepEqual(epoch(1).flatMap((b) => Array.from(b.ys.dataSync())), labels);
  assert.notDeepEqual(epoch(2).flatMap((b) => Array.from(b.ys.dataSync())), labels);
});

test("cropFlipInPlace: flip = 1 without padding mirrors; padding shifts by at most p and fills zeros", () => {
  const img = Float32Array.from({ length: 4 * 4 }, (_, k) => k + 1); // one 4x4 single-channel image
  const mirrored = data.cropFlipInPlace(Float32Array.from(img), [4, 4, 1], data.seededRng(0), { padding: 0, flip: 1 });
  assert.deepEqual(Array.from(mirrored.subarray(0, 4)), [4, 3, 2, 1]);
  const dot = new Float32Array(200 * 16);
  for (let i = 0; i < 200; i++) dot[i * 16 + 5] = 1; // pixel (1, 1)
  data.cropFlipInPlace(dot, [4, 4, 1], data.seededRng(7), { padding: 1, flip: 0 });
  const spots = new Set<number>();
  for (let i = 0; i < 200; i++) {
    const lit = Array.from(dot.subarray(i * 16, i * 16 + 16)).flatMap((v, k) => (v === 1 ? [k] : []));
    assert.equal(lit.length, 1);
    const [y, x] = [Math.floor(lit[0] / 4), lit[0] % 4];
    assert.ok(Math.abs(y - 1) <= 1 && Math.abs(x - 1) <= 1);
    spots.add(lit[0]);
  }
  assert.equal(spots.size, 9, "all nine shifts occur");
  assert.throws(() => data.cropFlipInPlace(new Float32Array(5), [2, 2, 1], data.seededRng(0)), /expected a multiple of 2·2·1 = 4 values, got 5/);
  assert.throws(() => data.cropFlipInPlace(new Float32Array(4), [2, 2, 1], data.seededRng(0), { flip: 2 }), /expected flip .* in \[0, 1\], got 2/);
});

test("randomCropFlip is seeded and leaves x unchanged; imageDataset trains a conv net with model.fitDataset", async () => {
  await ready();
  const x = tf.randomUniform([4, 6, 6, 3], 0, 1, "float32", 1) as tf.Tensor4D;
  const before = Array.from(x.dataSync());
  const a = data.randomCropFlip(x, { padding: 2, seed: 5 });
  assert.deepEqual(Array.from(data.randomCropFlip(x, { padding: 2, seed: 5 }).dataSync()), Array.from(a.dataSync()));
  assert.deepEqual(Array.from(x.dataSync()), before);
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [2, 2, 3], filters: 4, kernelSize: 2, padding: "same", activation: "relu", kernelInitializer: tf.initializers.heNormal({ seed: 1 }) }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 10, activation: "softmax", kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(0.05), loss: "categoricalCrossentropy" });
  const h = await model.fitDataset(data.imageDataset(set(40), { batchSize: 10, augment: { padding: 1 } }), { epochs: 8, verbose: 0 });
  const loss = h.history.loss as number[];
  assert.equal(loss.length, 8);
  assert.ok(loss[7] < loss[0], `loss falls: ${loss.map((l) => l.toFixed(3)).join(" ")}`);
});
