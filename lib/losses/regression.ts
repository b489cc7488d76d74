/**
 * Regression losses: squared error, absolute error and Huber, elementwise, reduced as PyTorch.
 */
import { tf } from "../backend";
import { tidy, type TensorLike } from "../core/check";
import { pair, reduce, type ReductionOptions } from "./reduction";
import { checkOptions } from "../core/options";

/** Options for {@link mse} and {@link mae}. */
export interface RegressionLossOptions extends ReductionOptions {}

/** Options for {@link huber}. */
export interface HuberOptions extends ReductionOptions {
  /** Where the loss turns from quadratic to linear, > 0. Default 1. */
  delta?: number;
}

/**
 * Mean squared error (y - yhat)^2, like `F.mse_loss`.
 * @param yTrue - targets, any shape
 * @param yPred - predictions, yTrue's shape
 * @param options - reduction (default "mean" over all elements)
 * @returns a scalar, or yTrue's shape with "none"
 * @throws Error if shapes differ
 * @example mse([1, 2], [1, 4]); // 2
 */
export function mse(yTrue: TensorLike, yPred: TensorLike, options: RegressionLossOptions = {}): tf.Tensor {
  checkOptions<RegressionLossOptions>("losses.mse", options, { reduction: true });
  return tidy(() => {
    const [y, p] = pair("losses.mse", yTrue, yPred);
    return reduce("losses.mse", tf.squaredDifference(y, p), options.reduction);
  });
}

/**
 * Mean absolute error |y - yhat|, like `F.l1_loss`.
 * @param yTrue - targets, any shape
 * @param yPred - predictions, yTrue's shape
 * @param options - reduction (default "mean")
 * @returns a scalar, or yTrue's shape with "none"
 * @throws Error if shapes differ
 * @example mae([1, 2], [1, 4]); // 1
 */
export function mae(yTrue: TensorLike, yPred: TensorLike, options: RegressionLossOptions = {}): tf.Tensor {
  checkOptions<RegressionLossOptions>("losses.mae", options, { reduction: true });
  return tidy(() => {
    const [y, p] = pair("losses.mae", yTrue, yPred);
    return reduce("losses.mae", tf.abs(tf.sub(y, p)), options.reduction);
  });
}

/**
 * Huber loss, like `F.huber_loss(input, target, delta=delta)`: with r = |y - yhat|,
 * 0.5 r^2 for r <= delta, delta (r - 0.5 delta) beyond; quadratic near 0, linear (robust to
 * outliers) far away. (PyTorch's smooth_l1_loss is huber / delta.)
 * @param yTrue - targets, any shape
 * @param yPred - predictions, yTrue's shape
 * @param options - delta (default 1), reduction (default "mean")
 * @returns a scalar, or yTrue's shape with "none"
 * @throws Error if shapes differ or delta <= 0
 * @example huber([0, 0], [0.5, 3], { delta: 1 }); // (0.125 + 2.5) / 2 = 1.3125
 */
export function huber(yTrue: TensorLike, yPred: TensorLike, options: HuberOptions = {}): tf.Tensor {
  checkOptions<HuberOptions>("losses.huber", options, { reduction: true, delta: true });
  const delta = options.delta ?? 1;
  if (!(delta > 0) || !Number.isFinite(delta)) throw new Error(`losses.huber: expected delta > 0, got ${delta}`);
  return tidy(() => {
    const [y, p] = pair("losses.huber", yTrue, yPred);
    const r = tf.abs(tf.sub(y, p));
    // 0.5 q^2 + delta (r - q) with q = min(r, delta) is both branches in one differentiable
    // expression; tf.where on a tf.lessEqual mask would break tf.grad (LessEqual has no gradient).
    const q = tf.minimum(r, delta);
    const losses = tf.add(tf.mul(tf.square(q), 0.5), tf.mul(tf.sub(r, q), delta));
    return reduce("losses.huber", losses, options.reduction);
  });
}
