/**
 * Data augmentation for small grayscale images stored as rows [N, H*W] (MNIST's layout): random
 * shifts, rotations, brightness, Gaussian noise and horizontal flips, seeded so that every run
 * sees the same augmented batches. Pixels that come from outside the image are 0 (background).
 */
import { tf } from "../backend";
import { seededRng, type Rng } from "../core/random";

/** Options for {@link augmentImages}. Every transform is off unless its option is given. */
export interface AugmentOptions {
  /** Image height and width. Default [28, 28]. */
  size?: [number, number];
  /** Largest shift in pixels along each axis; each image gets an integer shift in [-shift, shift]. */
  shift?: number;
  /** Largest rotation in degrees; each image is rotated by a uniform angle in [-rotate, rotate]. */
  rotate?: number;
  /** Largest brightness change: pixels are multiplied by a uniform factor in [1 - brightness, 1 + brightness]. */
  brightness?: number;
  /** Std of Gaussian noise added to every pixel. */
  noise?: number;
  /** Probability of mirroring an image left-right, in [0, 1]. */
  flip?: number;
  /** Seed of all random choices. Default 0. */
  seed?: number;
}

/** Nearest-neighbour rotation by `angle` radians and integer shift, both about the image centre. */
function warp(src: Float32Array, h: number, w: number, angle: number, dx: number, dy: number, mirror: boolean): Float32Array {
  const out = new Float32Array(h * w);
  const [cy, cx] = [(h - 1) / 2, (w - 1) / 2];
  const [c, s] = [Math.cos(angle), Math.sin(angle)];
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      // inverse map: where in the source does output pixel (x, y) come from?
      const [u, v] = [x - dx - cx, y - dy - cy];
      let sx = Math.round(c * u + s * v + cx);
      const sy = Math.round(-s * u + c * v + cy);
      if (mirror) sx = w - 1 - sx;
      if (sx >= 0 && sx < w && sy >= 0 && sy < h) out[y * w + x] = src[sy * w + sx];
    }
  }
  return out;
}

function gauss(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

/**
 * Returns a randomly transformed copy of every image; values are clipped to [0, 1].
 *
 * @param x - images [N, H*W] with values in [0, 1]
 * @param options - which transforms, their strength, the image size and the seed; see {@link AugmentOptions}
 * @returns a new tensor [N, H*W]; x is not changed
 * @throws Error if x is not [N, H*W] for the given size, or an option is negative (flip outside [0, 1])
 * @example
 * const xb2 = augmentImages(xb, { shift: 2, rotate: 10, noise: 0.1, seed: step });
 */
export function augmentImages(x: tf.Tensor2D, options: AugmentOptions = {}): tf.Tensor2D {
  const [h, w] = options.size ?? [28, 28];
  if (x.rank !== 2 || x.shape[1] !== h * w) throw new Error(`data.augmentImages: expected x [N, ${h * w}] for ${h}x${w} images, got [${x.shape.join(", ")}]`);
  for (const key of ["shift", "rotate", "brightness", "noise"] as const) {
    const v = options[key];
    if (v !== undefined && !(v >= 0 && Number.isFinite(v))) throw new Error(`data.augmentImages: expected ${key} >= 0, got ${v}`);
  }
  const flip = options.flip ?? 0;
  if (!(flip >= 0 && flip <= 1)) throw new Error(`data.augmentImages: expected flip (a probability) in [0, 1], got ${flip}`);
  const rng = seededRng(options.seed ?? 0);
  const src = x.dataSync() as Float32Array;
  const n = x.shape[0];
  const out = new Float32Array(src.length);
  const shift = Math.floor(options.shift ?? 0);
  const maxAngle = ((options.rotate ?? 0) * Math.PI) / 180;
  for (let i = 0; i < n; i++) {
    const dx = shift ? Math.floor(rng() * (2 * shift + 1)) - shift : 0;
    const dy = shift ? Math.floor(rng() * (2 * shift + 1)) - shift : 0;
    const angle = maxAngle ? (2 * rng() - 1) * maxAngle : 0;
    const mirror = flip > 0 && rng() < flip;
    const img = warp(src.subarray(i * h * w, (i + 1) * h * w), h, w, angle, dx, dy, mirror);
    const gain = options.brightness ? 1 + (2 * rng() - 1) * options.brightness : 1;
    for (let k = 0; k < img.length; k++) {
      const v = img[k] * gain + (options.noise ? options.noise * gauss(rng) : 0);
      out[i * h * w + k] = Math.min(1, Math.max(0, v));
    }
  }
  return tf.tensor2d(out, [n, h * w]);
}
