/**
 * Augmentation of colour image batches in NHWC layout (CIFAR-10's): a random crop of the image
 * padded with zeros on every side (so the picture shifts by up to `padding` pixels) and a random
 * left-right mirror, seeded so that every run sees the same batches.
 */
import { tf } from "../backend";
import { seededRng, type Rng } from "../core/random";

/** Options for {@link cropFlipInPlace} and {@link randomCropFlip}. */
export interface CropFlipOptions {
  /** Zero padding on each side before cropping back to H×W; shifts of -padding..padding. Default 4. */
  padding?: number;
  /** Probability of mirroring an image left-right, in [0, 1]. Default 0.5. */
  flip?: number;
  /** Seed of the random choices (for {@link randomCropFlip}). Default 0. */
  seed?: number;
}

function check(fn: string, options: CropFlipOptions): { padding: number; flip: number } {
  const padding = options.padding ?? 4;
  const flip = options.flip ?? 0.5;
  if (!Number.isInteger(padding) || padding < 0) throw new Error(`${fn}: expected padding an integer >= 0, got ${padding}`);
  if (!(flip >= 0 && flip <= 1)) throw new Error(`${fn}: expected flip (a probability) in [0, 1], got ${flip}`);
  return { padding, flip };
}

/**
 * Randomly crops (with zero padding) and mirrors each image of an NHWC batch, in place.
 *
 * @param batch - N images [N, H, W, C] as a Float32Array, changed in place
 * @param shape - [H, W, C] of one image
 * @param rng - seeded generator from seededRng (advanced by 3 draws per image)
 * @param options - padding and flip probability; see {@link CropFlipOptions} (seed is unused)
 * @returns `batch`, for chaining
 * @throws Error if the length is not a multiple of H·W·C, or an option is out of range
 * @example
 * cropFlipInPlace(xs, [32, 32, 3], seededRng(step), { padding: 4 });
 */
export function cropFlipInPlace(batch: Float32Array, shape: [number, number, number], rng: Rng, options: CropFlipOptions = {}): Float32Array {
  const { padding, flip } = check("data.cropFlipInPlace", options);
  const [h, w, c] = shape;
  const size = h * w * c;
  if (batch.length % size !== 0) throw new Error(`data.cropFlipInPlace: expected a multiple of ${h}·${w}·${c} = ${size} values, got ${batch.length}`);
  const src = new Float32Array(size);
  for (let at = 0; at < batch.length; at += size) {
    const dy = Math.floor(rng() * (2 * padding + 1)) - padding;
    const dx = Math.floor(rng() * (2 * padding + 1)) - padding;
    const mirror = rng() < flip;
    if (dy === 0 && dx === 0 && !mirror) continue;
    const img = batch.subarray(at, at + size);
    src.set(img);
    for (let y = 0; y < h; y++) {
      const sy = y + dy;
      for (let x = 0; x < w; x++) {
        const sx = (mirror ? w - 1 - x : x) + dx;
        const o = (y * w + x) * c;
        const inside = sy >= 0 && sy < h && sx >= 0 && sx < w;
        for (let k = 0; k < c; k++) img[o + k] = inside ? src[(sy * w + sx) * c + k] : 0;
      }
    }
  }
  return batch;
}

/**
 * A randomly cropped (zero-padded) and mirrored copy of an image batch, for hand-written loops.
 *
 * @param x - images [N, H, W, C]
 * @param options - see {@link CropFlipOptions}; use a new seed per step
 * @returns a new tensor [N, H, W, C]; x is not changed
 * @throws Error if x is not rank 4, or an option is out of range
 * @example
 * const xb2 = randomCropFlip(xb, { padding: 4, seed: step });
 */
export function randomCropFlip(x: tf.Tensor4D, options: CropFlipOptions = {}): tf.Tensor4D {
  if (x?.rank !== 4) throw new Error(`data.randomCropFlip: expected images [N, H, W, C], got shape [${x?.shape?.join(", ")}]`);
  const [, h, w, c] = x.shape;
  const out = cropFlipInPlace(Float32Array.from(x.dataSync()), [h, w, c], seededRng(options.seed ?? 0), options);
  return tf.tensor4d(out, x.shape);
}
