/**
 * Inverted dropout. PyTorch's convention: `p` is the probability to DROP a unit; kept units are
 * scaled by 1/(1-p) during training so that E[out] = x and inference is the identity.
 *
 * The original paper (Srivastava et al., 2014) and the lecture write p for the probability to
 * KEEP a unit and scale by p at test time instead; their p = 0.8 is PyTorch's p = 0.2.
 */
import { tf } from "../backend";
import { asTensor, expectInRange, expectSameShape, tidy, type TensorLike } from "../core/check";
import type { BackwardResult, ForwardResult } from "./layer";
import { checkOptions } from "../core/options";
import { dropoutMask } from "./dropout-mask";

/** Options for {@link dropoutForward}. */
export interface DropoutOptions {
  /** Probability of zeroing a unit, in [0, 1]. Default 0.5. */
  p?: number;
  /** Drop units (true) or pass x through unchanged (false, inference). Default true. */
  training?: boolean;
  /** Seed of the mask: same seed and shape, same mask. Default: unseeded. */
  seed?: number;
}

/** Cache of {@link dropoutForward}: the scaled mask (0 or 1/(1-p)), or null in inference. */
export interface DropoutCache {
  mask: tf.Tensor | null;
}

/**
 * Forward pass of inverted dropout.
 * @param x - activations of any shape, e.g. [N, D]
 * @param options - p, training, seed
 * @returns out (x's shape): x * mask in training, a copy of x otherwise; cache with the mask
 * @throws Error if p is outside [0, 1]
 * @example
 * const { out, cache } = dropoutForward(h, { p: 0.2, training: true, seed: 0 }); // ~20% zeros, rest h / 0.8
 */
export function dropoutForward(x: TensorLike, options: DropoutOptions = {}): ForwardResult<DropoutCache> {
  checkOptions<DropoutOptions>("nn.dropoutForward", options, { p: true, training: true, seed: true });
  const p = options.p ?? 0.5;
  expectInRange("nn.dropoutForward", "p (drop probability)", p, 0, 1);
  return tidy(() => {
    const xt = asTensor("nn.dropoutForward", "x", x);
    if (!(options.training ?? true) || p === 0) return { out: tf.clone(xt), cache: { mask: null } };
    // p = 1 drops everything; PyTorch returns zeros rather than 0 * inf.
    const scale = p === 1 ? 0 : 1 / (1 - p);
    // tfjs's uniform stream, kept >= p, times scale rounded to float32 (was tf.mul(keep, scale)).
    const mask = dropoutMask(xt.shape, { p, scale: Math.fround(scale), seed: options.seed });
    return { out: tf.mul(xt, mask), cache: { mask } };
  });
}

/**
 * Backward pass of inverted dropout: the gradient flows only through kept units, scaled alike.
 * @param dout - upstream gradient, x's shape
 * @param cache - from dropoutForward
 * @returns dx = dout * mask (dout itself, copied, in inference)
 * @throws Error if dout's shape differs from the mask's
 * @example const { dx } = dropoutBackward(dout, cache);
 */
export function dropoutBackward(dout: tf.Tensor, cache: DropoutCache): BackwardResult {
  if (cache.mask == null) return { dx: tf.clone(dout) };
  expectSameShape("nn.dropoutBackward", "dout", dout, "mask", cache.mask);
  return { dx: tf.mul(dout, cache.mask) };
}
