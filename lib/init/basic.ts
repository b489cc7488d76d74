/**
 * The plain initializers: constants and the two distributions everything else scales.
 * Each returns a new float32 tensor of the given shape; randomness is seeded with `seed`.
 */
import { tf } from "../backend";
import { checkShape } from "./fans";
import { normalSeed } from "../core/random";
import { checkOptions } from "../core/options";


/** Options shared by the random initializers. */
export interface SeedOptions {
  /** Seed of the generator: the same seed and shape give the same tensor. Default: unseeded. */
  seed?: number;
}

/** Options for {@link uniform}. */
export interface UniformOptions extends SeedOptions {
  /** Lower bound a. Default 0. */
  a?: number;
  /** Upper bound b, > a. Default 1. */
  b?: number;
}

/** Options for {@link normal}. */
export interface NormalOptions extends SeedOptions {
  /** Mean. Default 0. */
  mean?: number;
  /** Standard deviation, >= 0. Default 1. */
  std?: number;
}

/**
 * A tensor of zeros (biases; the lecture's example of why symmetric weights never learn).
 * @param shape - any shape, e.g. [M]
 * @returns zeros of `shape`
 * @throws Error if `shape` is not an array of positive integers
 * @example zeros([3]); // [0, 0, 0]
 */
export function zeros(shape: number[]): tf.Tensor {
  checkShape("init.zeros", shape);
  return tf.zeros(shape);
}

/**
 * A tensor filled with one value.
 * @param shape - any shape
 * @param value - the fill value, finite
 * @returns `value` repeated over `shape`
 * @throws Error if `shape` is invalid or `value` is not finite
 * @example constant([2], 0.1); // [0.1, 0.1]
 */
export function constant(shape: number[], value: number): tf.Tensor {
  checkShape("init.constant", shape);
  if (!Number.isFinite(value)) throw new Error(`init.constant: expected a finite value, got ${value}`);
  return tf.fill(shape, value);
}

/**
 * Samples U(a, b), like `torch.nn.init.uniform_`.
 * @param shape - any shape
 * @param options - bounds and seed, see {@link UniformOptions}
 * @returns samples of `shape`
 * @throws Error if `shape` is invalid or not a < b
 * @example uniform([784, 100], { a: -0.1, b: 0.1, seed: 0 });
 */
export function uniform(shape: number[], options: UniformOptions = {}): tf.Tensor {
  checkOptions<UniformOptions>("init.uniform", options, { a: true, b: true, seed: true });
  checkShape("init.uniform", shape);
  const a = options.a ?? 0;
  const b = options.b ?? 1;
  if (!(a < b)) throw new Error(`init.uniform: expected a < b, got a = ${a}, b = ${b}`);
  return tf.randomUniform(shape, a, b, "float32", options.seed);
}

/**
 * Samples N(mean, std^2), like `torch.nn.init.normal_`.
 * @param shape - any shape
 * @param options - mean, std and seed, see {@link NormalOptions}
 * @returns samples of `shape`
 * @throws Error if `shape` is invalid or std < 0
 * @example normal([784, 100], { std: 0.01, seed: 0 });
 */
export function normal(shape: number[], options: NormalOptions = {}): tf.Tensor {
  checkOptions<NormalOptions>("init.normal", options, { mean: true, std: true, seed: true });
  checkShape("init.normal", shape);
  const std = options.std ?? 1;
  if (!(std >= 0)) throw new Error(`init.normal: expected std >= 0, got ${std}`);
  return tf.randomNormal(shape, options.mean ?? 0, std, "float32", normalSeed(options.seed));
}

/**
 * Samples N(mean, std^2) truncated to [mean - 2 std, mean + 2 std] (values outside are redrawn).
 * This is tfjs's and Keras's `truncatedNormal`, and PyTorch's `trunc_normal_(mean, std,
 * a = mean - 2 std, b = mean + 2 std)`. The result's standard deviation is about 0.88 std.
 * @param shape - any shape
 * @param options - mean, std (before truncation) and seed
 * @returns samples of `shape`, all within 2 std of the mean
 * @throws Error if `shape` is invalid or std < 0
 * @example truncatedNormal([784, 100], { std: 0.05, seed: 0 });
 */
export function truncatedNormal(shape: number[], options: NormalOptions = {}): tf.Tensor {
  checkOptions<NormalOptions>("init.truncatedNormal", options, { mean: true, std: true, seed: true });
  checkShape("init.truncatedNormal", shape);
  const std = options.std ?? 1;
  if (!(std >= 0)) throw new Error(`init.truncatedNormal: expected std >= 0, got ${std}`);
  return tf.truncatedNormal(shape, options.mean ?? 0, std, "float32", normalSeed(options.seed));
}

/** Standard deviation of N(0, 1) truncated to [-2, 2]: dividing by it keeps the target variance. */
export const TRUNCATED_STD = 0.8796256610342398;

/**
 * Zero-mean samples with standard deviation `std`: normal, or truncated at 2 sigma and rescaled
 * so the variance is still std^2 (Keras's VarianceScaling does the same).
 */
export function scaledNormal(shape: number[], std: number, truncated: boolean, seed?: number): tf.Tensor {
  return truncated
    ? tf.truncatedNormal(shape, 0, std / TRUNCATED_STD, "float32", normalSeed(seed))
    : tf.randomNormal(shape, 0, std, "float32", normalSeed(seed));
}
