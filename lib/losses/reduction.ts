/**
 * Reductions as in PyTorch: "mean" (default) averages the per-element (or per-example) losses,
 * "sum" adds them, "none" returns them unreduced. Argument order in this folder is
 * (yTrue, yPred), as in Keras and scikit-learn; PyTorch's F.* take (input, target).
 */
import { tf } from "../backend";
import { asTensor, expectSameShape, type TensorLike } from "../core/check";

/** How per-element losses are combined. */
export type Reduction = "mean" | "sum" | "none";

/** Options shared by every loss. */
export interface ReductionOptions {
  /** Default "mean". */
  reduction?: Reduction;
}

/** Applies a reduction; throws for unknown names. */
export function reduce(fn: string, losses: tf.Tensor, reduction: Reduction = "mean"): tf.Tensor {
  switch (reduction) {
    case "mean": return tf.mean(losses);
    case "sum": return tf.sum(losses);
    case "none": return losses;
    default: throw new Error(`${fn}: expected reduction "mean", "sum" or "none", got ${JSON.stringify(reduction)}`);
  }
}

/** Converts both arguments to tensors and checks they have the same shape. */
export function pair(fn: string, yTrue: TensorLike, yPred: TensorLike): [tf.Tensor, tf.Tensor] {
  const [t, p] = [asTensor(fn, "yTrue", yTrue), asTensor(fn, "yPred", yPred)];
  expectSameShape(fn, "yTrue", t, "yPred", p);
  return [t, p];
}
