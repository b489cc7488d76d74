/**
 * The two classification losses of CS231n's layers.py, each returning the loss AND its gradient
 * with respect to the scores, so a network can be trained with no autodiff at all.
 */
import { tf } from "../backend";
import { asTensor, expectShape, tidy, type TensorLike } from "../core/check";
import { crossEntropyKernels } from "../losses/kernel-hook";

/** A loss value with its gradient. */
export interface LossAndGrad {
  /** Mean loss over the batch, a scalar. */
  loss: tf.Scalar;
  /** d loss / d scores [N, C]. */
  dscores: tf.Tensor2D;
}

/** Label data already checked, by dataId, with the class count C (see losses/labels.ts: one read per label tensor). */
const checked = new WeakMap<object, number>();

/** y as one-hot float32 rows [N, C], after checking (once per label tensor) that it holds class indices. */
function oneHotOf(fn: string, scores: tf.Tensor, y: TensorLike): tf.Tensor2D {
  const yt = asTensor(fn, "y", y);
  expectShape(fn, "y", yt, [scores.shape[0]]);
  const c = scores.shape[1] as number;
  if ((checked.get(yt.dataId) ?? Infinity) > c) {
    const v = yt.dataSync();
    const bad = Array.from(v).findIndex((k) => !Number.isInteger(k) || k < 0 || k >= c);
    if (bad >= 0) throw new Error(`${fn}: expected y of class indices in [0, ${c - 1}], got y[${bad}] = ${v[bad]}`);
    checked.set(yt.dataId, c);
  }
  // Float once here, rather than an int32 one-hot cast again by every op that meets a float.
  return tf.oneHot(yt.dtype === "int32" ? yt : tf.cast(yt, "int32"), c).toFloat() as tf.Tensor2D;
}

/**
 * Softmax cross-entropy: L = mean_i -log softmax(s_i)[y_i]; dL/ds = (softmax(s) - onehot(y)) / N.
 * @param scores - unnormalized scores (logits) [N, C]
 * @param y - class indices [N], integers in [0, C)
 * @returns loss and dscores [N, C]
 * @throws Error if scores is not 2-D, y is not [N] or holds a label outside [0, C)
 * @example const { loss, dscores } = softmaxLoss(scores, [0, 2, 1]);
 */
export function softmaxLoss(scores: TensorLike, y: TensorLike): LossAndGrad {
  const fn = "nn.softmaxLoss";
  return tidy(() => {
    const s = asTensor(fn, "scores", scores);
    expectShape(fn, "scores", s, ["N", "C"]);
    const [n, c] = s.shape;
    const onehot = oneHotOf(fn, s, y);
    // On wasm, one kernel with the same bits (lib/losses/kernel-hook.ts); the ops below elsewhere.
    const fused = crossEntropyKernels.current.softmaxLoss(onehot, s);
    if (fused != null) return { loss: fused[0] as tf.Scalar, dscores: fused[1] as tf.Tensor2D };
    const logp = tf.logSoftmax(s);
    const loss = tf.div(tf.neg(tf.sum(tf.mul(onehot, logp))), n) as tf.Scalar;
    const dscores = tf.div(tf.sub(tf.exp(logp), onehot), n) as tf.Tensor2D;
    return { loss, dscores };
  });
}

/**
 * Multiclass SVM (hinge) loss as CS231n defines it:
 *   L = mean_i sum_{j != y_i} max(0, s_ij - s_iy_i + margin)
 * dL/ds_ij = 1[margin violated] / N for j != y_i, and minus the number of violations / N at y_i.
 * (PyTorch's multi_margin_loss also divides by C.)
 * @param scores - class scores [N, C]
 * @param y - class indices [N]
 * @param margin - the margin Delta, > 0. Default 1.
 * @returns loss and dscores [N, C]
 * @throws Error if scores is not 2-D, y is not [N] or holds a label outside [0, C)
 * @example const { loss, dscores } = svmLoss(scores, [0, 2, 1]);
 */
export function svmLoss(scores: TensorLike, y: TensorLike, margin = 1): LossAndGrad {
  const fn = "nn.svmLoss";
  if (!(margin > 0)) throw new Error(`${fn}: expected margin > 0, got ${margin}`);
  return tidy(() => {
    const s = asTensor(fn, "scores", scores);
    expectShape(fn, "scores", s, ["N", "C"]);
    const [n, c] = s.shape;
    const onehot = oneHotOf(fn, s, y);
    const correct = tf.sum(tf.mul(s, onehot), 1, true);
    const margins = tf.mul(tf.relu(tf.add(tf.sub(s, correct), margin)), tf.sub(1, onehot));
    const loss = tf.div(tf.sum(margins), n) as tf.Scalar;
    const violated = tf.cast(tf.greater(margins, 0), "float32");
    const count = tf.sum(violated, 1, true);
    const dscores = tf.div(tf.sub(violated, tf.mul(onehot, count)), n) as tf.Tensor2D;
    return { loss, dscores };
  });
}
