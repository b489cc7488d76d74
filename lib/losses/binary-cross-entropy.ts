/**
 * Binary cross-entropy, -[y log p + (1 - y) log(1 - p)], from probabilities or from logits.
 */
import { tf } from "../backend";
import { tidy, type TensorLike } from "../core/check";
import { pair, reduce, type ReductionOptions } from "./reduction";
import { checkOptions } from "../core/options";

/** Options for {@link binaryCrossEntropy}. */
export interface BinaryCrossEntropyOptions extends ReductionOptions {}

/** Options for {@link binaryCrossEntropyWithLogits}. */
export interface BinaryCrossEntropyWithLogitsOptions extends ReductionOptions {}

/**
 * BCE from probabilities, like `F.binary_cross_entropy`: each log is clamped at -100, so p = 0 or
 * 1 gives a large finite loss (100 per wrong certain answer), never Infinity or NaN.
 * @param yTrue - targets in [0, 1], any shape, e.g. [N] or [N, 1]
 * @param yPred - probabilities in [0, 1], yTrue's shape
 * @param options - reduction (default "mean" over all elements)
 * @returns a scalar, or yTrue's shape with reduction "none"
 * @throws Error if shapes differ or the reduction is unknown
 * @example binaryCrossEntropy([1, 0], [0.9, 0.2]); // (-ln 0.9 - ln 0.8) / 2 = 0.1643
 */
export function binaryCrossEntropy(yTrue: TensorLike, yPred: TensorLike, options: BinaryCrossEntropyOptions = {}): tf.Tensor {
  checkOptions<BinaryCrossEntropyOptions>("losses.binaryCrossEntropy", options, { reduction: true });
  const fn = "losses.binaryCrossEntropy";
  return tidy(() => {
    const [y, p] = pair(fn, yTrue, yPred);
    const logP = tf.maximum(tf.log(p), -100);
    const log1mP = tf.maximum(tf.log(tf.sub(1, p)), -100);
    const losses = tf.neg(tf.add(tf.mul(y, logP), tf.mul(tf.sub(1, y), log1mP)));
    return reduce(fn, losses, options.reduction);
  });
}

/**
 * BCE from logits z (p = sigmoid(z)), like `F.binary_cross_entropy_with_logits`, in the stable form
 *   max(z, 0) - z y + log(1 + e^-|z|)
 * which never overflows: z = 1000 or -1000 gives exact losses.
 * @param yTrue - targets in [0, 1], any shape
 * @param logits - raw scores, yTrue's shape
 * @param options - reduction (default "mean")
 * @returns a scalar, or yTrue's shape with reduction "none"
 * @throws Error if shapes differ or the reduction is unknown
 * @example binaryCrossEntropyWithLogits([1], [0]); // ln 2 = 0.6931
 */
export function binaryCrossEntropyWithLogits(
  yTrue: TensorLike, logits: TensorLike, options: BinaryCrossEntropyWithLogitsOptions = {},
): tf.Tensor {
  checkOptions<BinaryCrossEntropyWithLogitsOptions>("losses.binaryCrossEntropyWithLogits", options, { reduction: true });
  const fn = "losses.binaryCrossEntropyWithLogits";
  return tidy(() => {
    const [y, z] = pair(fn, yTrue, logits);
    const losses = tf.add(tf.sub(tf.relu(z), tf.mul(z, y)), tf.log1p(tf.exp(tf.neg(tf.abs(z)))));
    return reduce(fn, losses, options.reduction);
  });
}
