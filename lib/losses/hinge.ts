/**
 * Multiclass SVM (hinge) loss, CS231n's definition:
 *   L_i = sum_{j != y_i} max(0, s_j - s_{y_i} + margin)
 * PyTorch's F.multi_margin_loss divides each L_i by C; this one does not (as the lecture).
 */
import { tf } from "../backend";
import { asTensor, expectShape, tidy, type TensorLike } from "../core/check";
import { classIndices } from "./labels";
import { reduce, type ReductionOptions } from "./reduction";
import { checkOptions } from "../core/options";

/** Options for {@link multiclassHinge}. */
export interface MulticlassHingeOptions extends ReductionOptions {
  /** The margin Delta, > 0. Default 1. */
  margin?: number;
}

/**
 * Multiclass hinge loss.
 * @param yTrue - class indices [N]
 * @param scores - class scores [N, C]
 * @param options - margin (default 1), reduction (default "mean" over N)
 * @returns a scalar, or [N] with "none"
 * @throws Error if scores is not 2-D, yTrue is not [N] of indices in [0, C), or margin <= 0
 * @example multiclassHinge([0], [[3, 2.5, 1]]); // max(0, 2.5 - 3 + 1) + max(0, 1 - 3 + 1) = 0.5
 */
export function multiclassHinge(yTrue: TensorLike, scores: TensorLike, options: MulticlassHingeOptions = {}): tf.Tensor {
  checkOptions<MulticlassHingeOptions>("losses.multiclassHinge", options, { reduction: true, margin: true });
  const fn = "losses.multiclassHinge";
  const margin = options.margin ?? 1;
  if (!(margin > 0)) throw new Error(`${fn}: expected margin > 0, got ${margin}`);
  return tidy(() => {
    const s = asTensor(fn, "scores", scores);
    expectShape(fn, "scores", s, ["N", "C"]);
    const onehot = tf.oneHot(classIndices(fn, yTrue, s.shape[0], s.shape[1] as number), s.shape[1] as number);
    const correct = tf.sum(tf.mul(s, onehot), 1, true);
    const margins = tf.mul(tf.relu(tf.add(tf.sub(s, correct), margin)), tf.sub(1, onehot));
    return reduce(fn, tf.sum(margins, 1), options.reduction);
  });
}
