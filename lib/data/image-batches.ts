/**
 * From an {@link ImageSet} (bytes, NHWC) to what training needs: float tensors of some rows, and seeded mini-batches that gather only their own rows (scaled,
 * normalized, optionally augmented), for hand-written loops and for `model.fitDataset`.
 */
import { tf } from "../backend";
import type { ImageSet } from "./cifar10";
import { checkSet, type ChannelStats } from "./image-set";
import { epochBatches } from "./batches";
import { seededRng } from "../core/random";
import { cropFlipInPlace, type CropFlipOptions } from "./image-augment";

/** Options for {@link imageTensors} and {@link imageBatches}. */
export interface ImageTensorOptions {
  /** First row, for {@link imageTensors}. Default 0. */
  start?: number;
  /** Number of rows, for {@link imageTensors}. Default: all from `start`. */
  count?: number;
  /** Subtract per-channel means and divide by stds (from {@link channelStats}); default: only /255. */
  normalize?: ChannelStats;
  /** Rows per batch B, for {@link imageBatches}. Default 64. */
  batchSize?: number;
  /** Shuffle rows each epoch, for {@link imageBatches}. Default true. */
  shuffle?: boolean;
  /** Seed of the shuffle and the augmentation (one epoch's). Default 0. */
  seed?: number;
  /** Random crop and flip of each training image (see image-augment.ts); off by default. */
  augment?: CropFlipOptions;
  /** Labels as one-hot [B, 10] float (for categoricalCrossentropy) instead of int32 [B]. Default true. */
  oneHot?: boolean;
}

/** Scaled (and normalized) floats of the given rows, NHWC: (byte / 255 - mean) / std. */
function gatherRows(set: ImageSet, rows: ArrayLike<number>, normalize: ChannelStats | undefined): Float32Array {
  const [h, w, c] = set.shape;
  const size = h * w * c;
  const std = normalize?.std ?? new Array(c).fill(1);
  const scale = std.map((s) => 1 / (255 * s));
  const shift = (normalize?.mean ?? new Array(c).fill(0)).map((m, k) => m / std[k]);
  const out = new Float32Array(rows.length * size);
  for (let r = 0; r < rows.length; r++) {
    const src = set.images.subarray(rows[r] * size, (rows[r] + 1) * size);
    const dst = out.subarray(r * size, (r + 1) * size);
    for (let i = 0; i < size; i += c) {
      for (let k = 0; k < c; k++) dst[i + k] = src[i + k] * scale[k] - shift[k];
    }
  }
  return out;
}

function labelsTensor(set: ImageSet, rows: ArrayLike<number>, oneHot: boolean): tf.Tensor {
  const y = tf.tensor1d(Int32Array.from(rows, (r) => set.labels[r]), "int32");
  if (!oneHot) return y;
  const out = tf.oneHot(y, 10).toFloat();
  y.dispose();
  return out;
}

/**
 * Float tensors of consecutive rows: images [N, H, W, C] in [0, 1] (or normalized) and labels.
 *
 * @param set - the images
 * @param options - `start`, `count`, `normalize`, `oneHot` of {@link ImageTensorOptions}
 * @returns `{ x: [N, H, W, C] float32, y: [N, 10] one-hot (or [N] int32) }`; the caller disposes them
 * @throws Error if the set is malformed or the rows are out of range
 * @example
 * const { x, y } = imageTensors(cifar.test, { count: 1000, normalize: stats });
 */
export function imageTensors(set: ImageSet, options: ImageTensorOptions = {}): { x: tf.Tensor4D; y: tf.Tensor } {
  checkSet("data.imageTensors", set);
  const start = options.start ?? 0;
  const count = options.count ?? set.count - start;
  if (!Number.isInteger(start) || !Number.isInteger(count) || start < 0 || count < 1 || start + count > set.count) {
    throw new Error(`data.imageTensors: expected rows start..start+count within 0..${set.count}, got start ${start}, count ${count}`);
  }
  const rows = Int32Array.from({ length: count }, (_, i) => start + i);
  const x = tf.tensor4d(gatherRows(set, rows, options.normalize), [count, ...set.shape]);
  return { x, y: labelsTensor(set, rows, options.oneHot ?? true) };
}

/**
 * One epoch of seeded mini-batches; each batch gathers only its own rows (the set is never copied
 * whole), then scales, normalizes and (if asked) augments them.
 *
 * @param set - the images (subsetImages takes the first N without copying)
 * @param options - see {@link ImageTensorOptions}; pass a different `seed` per epoch
 * @returns a generator of `{ xs: [B, H, W, C], ys: [B, 10] or [B] }`; dispose each batch after use
 * @throws Error if the set is malformed or batchSize is not a positive integer
 * @example
 * for (const { xs, ys } of imageBatches(train, { batchSize: 64, seed: epoch, augment: {} })) { ...; tf.dispose([xs, ys]); }
 */
export function* imageBatches(set: ImageSet, options: ImageTensorOptions = {}): Generator<{ xs: tf.Tensor4D; ys: tf.Tensor }> {
  checkSet("data.imageBatches", set);
  const seed = options.seed ?? 0;
  const rng = seededRng(seed + 0x5eed);
  for (const rows of epochBatches(set.count, { batchSize: options.batchSize ?? 64, shuffle: options.shuffle ?? true, seed })) {
    const xs = gatherRows(set, rows, options.normalize);
    if (options.augment) cropFlipInPlace(xs, set.shape, rng, options.augment);
    yield { xs: tf.tensor4d(xs, [rows.length, ...set.shape]), ys: labelsTensor(set, rows, options.oneHot ?? true) };
  }
}

/**
 * The batches of {@link imageBatches} as a tf.data Dataset for `model.fitDataset`: every pass
 * over it (every epoch) uses the next seed, so shuffles and augmentations differ per epoch.
 *
 * @param set - the images
 * @param options - see {@link ImageTensorOptions}; `seed` is that of the first epoch
 * @returns a Dataset of `{ xs, ys }` batches
 * @throws Error as {@link imageBatches}
 * @example
 * await model.fitDataset(imageDataset(train, { batchSize: 64, augment: { padding: 4 } }), { epochs: 5 });
 */
export function imageDataset(set: ImageSet, options: ImageTensorOptions = {}): tf.data.Dataset<{ xs: tf.Tensor4D; ys: tf.Tensor }> {
  checkSet("data.imageDataset", set);
  let epoch = 0;
  const first = options.seed ?? 0;
  return tf.data.generator(() => imageBatches(set, { ...options, seed: first + epoch++ }) as unknown as Iterator<tf.TensorContainer>) as unknown as tf.data.Dataset<{ xs: tf.Tensor4D; ys: tf.Tensor }>;
}
