/**
 * Batch normalization over the batch axis of x [N, D] (Ioffe & Szegedy, 2015), PyTorch's way:
 *   training: normalize with the batch mean and biased variance, then update the running stats
 *     running = (1 - momentum) * running + momentum * batch, with the UNBIASED batch variance
 *   inference: normalize with the running stats.
 * Keras differs: its momentum 0.99 weighs the OLD value (= PyTorch 0.01), it keeps the biased
 * variance, and its eps is 1e-3.
 */
import { tf } from "../backend";
import { asTensor, expectInRange, expectShape, shapeStr, tidy, type TensorLike } from "../core/check";
import { checkOptions } from "../core/options";
import type { BackwardResult, ForwardResult } from "./layer";

/** Running statistics, updated in place by training-mode forward passes. Owns its tensors. */
export interface BatchNormState {
  /** Running mean [D], starts at 0. */
  runningMean: tf.Tensor;
  /** Running (unbiased) variance [D], starts at 1. */
  runningVar: tf.Tensor;
}

/** Options for {@link batchNormForward}. */
export interface BatchNormOptions {
  /** Batch statistics and running update (true), or running statistics (false). Default true. */
  training?: boolean;
  /** Weight of the new batch in the running average, in [0, 1]. Default 0.1 (PyTorch). */
  momentum?: number;
  /** Added to the variance before the square root, > 0. Default 1e-5 (PyTorch). */
  eps?: number;
}

/** Cache of {@link batchNormForward}. */
export interface BatchNormCache {
  xhat: tf.Tensor;
  invStd: tf.Tensor;
  gamma: tf.Tensor;
  training: boolean;
}

/**
 * Fresh running statistics for D features: mean 0, variance 1 (as PyTorch).
 * @param d - number of features D, a positive integer
 * @returns a state to pass to batchNormForward
 * @throws Error if d is not a positive integer
 * @example const state = createBatchNormState(100);
 */
export function createBatchNormState(d: number): BatchNormState {
  if (!Number.isInteger(d) || d <= 0) throw new Error(`nn.createBatchNormState: expected D a positive integer, got ${d}`);
  return { runningMean: tf.keep(tf.zeros([d])), runningVar: tf.keep(tf.ones([d])) };
}

function updateRunning(state: BatchNormState, mean: tf.Tensor, variance: tf.Tensor, n: number, momentum: number): void {
  const [oldMean, oldVar] = [state.runningMean, state.runningVar];
  // keep(): the state outlives any tf.tidy the forward pass runs in.
  state.runningMean = tf.keep(tf.add(tf.mul(oldMean, 1 - momentum), tf.mul(mean, momentum)));
  state.runningVar = tf.keep(tf.add(tf.mul(oldVar, 1 - momentum), tf.mul(variance, (momentum * n) / (n - 1))));
  tf.dispose([oldMean, oldVar]);
}

/**
 * What {@link batchNormForward} returns: the shared `{ out, cache }` of every forward, plus `y`,
 * the same tensor under the lecture's name (one tensor: dispose either, not both).
 */
export interface BatchNormResult extends ForwardResult<BatchNormCache> {
  /** The normalized, scaled and shifted output [N, D]; the same tensor as `out`. */
  y: tf.Tensor;
}

/**
 * Forward pass of batch normalization.
 * @param x - inputs [N, D]
 * @param gamma - scale [D]
 * @param beta - shift [D]
 * @param state - running stats [D] each; replaced by updated tensors in training mode
 * @param options - training, momentum, eps
 * @returns y [N, D] (also as `out`, the shared contract) and the cache
 * @throws Error on shape mismatches, N < 2 in training, momentum outside [0, 1] or eps <= 0
 * @example
 * const state = createBatchNormState(4);
 * const { y, cache } = batchNormForward(x, gamma, beta, state, { training: true });
 */
export function batchNormForward(
  x: TensorLike, gamma: TensorLike, beta: TensorLike, state: BatchNormState, options: BatchNormOptions = {},
): BatchNormResult {
  checkOptions<BatchNormOptions>("nn.batchNormForward", options, { training: true, momentum: true, eps: true });
  const fn = "nn.batchNormForward";
  const training = options.training ?? true;
  const momentum = options.momentum ?? 0.1;
  const eps = options.eps ?? 1e-5;
  expectInRange(fn, "momentum", momentum, 0, 1);
  if (!(eps > 0)) throw new Error(`${fn}: expected eps > 0, got ${eps}`);
  if (!(state?.runningMean instanceof tf.Tensor) || !(state.runningVar instanceof tf.Tensor)) {
    throw new Error(`${fn}: expected state { runningMean, runningVar } as tensors [D]; create it with createBatchNormState(D)`);
  }
  return tidy(() => {
    const [xt, g, b] = [asTensor(fn, "x", x), asTensor(fn, "gamma", gamma), asTensor(fn, "beta", beta)];
    expectShape(fn, "x", xt, ["N", "D"]);
    const [n, d] = xt.shape;
    for (const [name, t] of [["gamma", g], ["beta", b], ["state.runningMean", state.runningMean], ["state.runningVar", state.runningVar]] as const) {
      expectShape(fn, name, t, [d]);
    }
    if (training && n < 2) throw new Error(`${fn}: training needs N >= 2 to estimate a variance, got x ${shapeStr(xt.shape)}`);
    let mean = state.runningMean;
    let variance = state.runningVar;
    if (training) {
      ({ mean, variance } = tf.moments(xt, 0));
      updateRunning(state, mean, variance, n, momentum);
    }
    const invStd = tf.rsqrt(tf.add(variance, eps));
    const xhat = tf.mul(tf.sub(xt, mean), invStd);
    const y = tf.add(tf.mul(xhat, g), b);
    return { y, out: y, cache: { xhat, invStd, gamma: tf.clone(g), training } };
  });
}

/**
 * Backward pass of batch normalization. In training mode, the compact form of the chain rule
 * through the batch mean and variance:
 *   dx = gamma * invStd / N * (N dy - sum(dy) - xhat * sum(dy * xhat))
 * In inference mode the statistics are constants: dx = gamma * invStd * dy.
 * (dy in the formula is `dout`, the upstream gradient, as in every backward.)
 * @param dout - upstream gradient dL/dy [N, D]
 * @param cache - from batchNormForward
 * @returns dx [N, D], dgamma [D] = sum(dy * xhat), dbeta [D] = sum(dy)
 * @throws Error if dout's shape differs from x's
 * @example const { dx, dgamma, dbeta } = batchNormBackward(dout, cache);
 */
export function batchNormBackward(dout: tf.Tensor, cache: BatchNormCache): BackwardResult<"dgamma" | "dbeta"> {
  expectShape("nn.batchNormBackward", "dout", dout, cache.xhat.shape);
  const dy = dout;
  return tidy(() => {
    const n = dy.shape[0];
    const dbeta = tf.sum(dy, 0);
    const dgamma = tf.sum(tf.mul(dy, cache.xhat), 0);
    const scale = tf.mul(cache.gamma, cache.invStd);
    const dx = cache.training
      ? tf.mul(tf.div(scale, n), tf.sub(tf.sub(tf.mul(dy, n), dbeta), tf.mul(cache.xhat, dgamma)))
      : tf.mul(dy, scale);
    return { dx, dgamma, dbeta };
  });
}
