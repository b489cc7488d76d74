/**
 * Categorical cross-entropy over C classes, from logits (stable, via log-softmax) or from
 * probabilities, with label smoothing: the target becomes (1 - eps) onehot + eps / C.
 * Targets are class indices [N] or probability rows [N, C].
 */
import { tf } from "../backend";
import { asTensor, expectInRange, expectShape, tidy, type TensorLike } from "../core/check";
import { classIndices } from "./labels";
import { reduce, type ReductionOptions } from "./reduction";
import { checkOptions } from "../core/options";
import { crossEntropyKernels } from "./kernel-hook";

/** Options for {@link crossEntropy} and {@link categoricalCrossEntropy}. */
export interface CrossEntropyOptions extends ReductionOptions {
  /** Label smoothing eps in [0, 1]. Default 0. */
  labelSmoothing?: number;
}

/** One-hot rows [N, C] float32 of class indices [N]. */
function oneHotRows(indices: tf.Tensor, c: number): tf.Tensor {
  // toFloat, not oneHot(..., "float32"): the wasm OneHot kernel of tfjs 4.22 writes int32 bits whatever the dtype.
  return tf.oneHot(indices as tf.Tensor1D, c).toFloat();
}

function targetRows(fn: string, yTrue: TensorLike, n: number, c: number): tf.Tensor {
  const t = asTensor(fn, "yTrue", yTrue);
  if (t.rank !== 2) return oneHotRows(classIndices(fn, t, n, c), c);
  expectShape(fn, "yTrue", t, [n, c]);
  return t;
}

/** Target rows [N, C] with label smoothing eps: (1 - eps) t + eps / C. */
function smoothedTargets(fn: string, yTrue: TensorLike, n: number, c: number, options: CrossEntropyOptions): tf.Tensor {
  const eps = options.labelSmoothing ?? 0;
  expectInRange(fn, "labelSmoothing", eps, 0, 1);
  const rows = targetRows(fn, yTrue, n, c);
  return eps === 0 ? rows : tf.add(tf.mul(rows, 1 - eps), eps / c);
}

function fromLogProbs(fn: string, yTrue: TensorLike, logp: tf.Tensor, options: CrossEntropyOptions): tf.Tensor {
  const [n, c] = logp.shape as [number, number];
  return reduce(fn, negSumTerms(smoothedTargets(fn, yTrue, n, c, options), logp), options.reduction);
}

/**
 * Per-row cross-entropy -sum_c t_c log softmax(z)_c [N] from logits z [N, C], with its closed-form
 * gradient dz = dy (softmax(z) sum_c t_c - t). Why not autodiff: through logSoftmax, the where
 * that keeps 0 * log 0 at 0, and the row sum, tfjs's backward is ~20 kernels (casts, reshapes,
 * selects) where this is 6; a training step on a small net is dispatch-bound. On wasm each pass
 * is one kernel (./kernel-hook.ts; the same bits), which takes class indices as they are (no
 * OneHot and Cast kernels a step). The targets are constants here: no gradient flows to yTrue.
 * @param target - rows t [N, C], or class indices [N] (int32, checked) standing for their one-hot rows
 */
function rowsFromLogits(target: tf.Tensor, logits: tf.Tensor): tf.Tensor {
  const kernels = crossEntropyKernels.current;
  const direct = target.rank === 1 ? kernels.rows(target, logits) : null;
  if (direct != null) return direct;
  const rows = (t: tf.Tensor) => (t.rank === 1 ? oneHotRows(t, logits.shape[1] as number) : t);
  const f = tf.customGrad(((z: tf.Tensor, save: tf.GradSaveFunc) => {
    const fused = kernels.forward(target, z);
    const logp = fused?.[1] ?? tf.logSoftmax(z);
    save([logp, target]); // kept for backprop: the caller's tidy frees target before it runs
    return {
      value: fused?.[0] ?? negSumTerms(rows(target), logp),
      gradFunc: (dy: tf.Tensor, [lp, t]: tf.Tensor[]) => kernels.backward(dy, lp, t) ?? closedFormGrad(dy, lp, rows(t)),
    };
  }) as unknown as Parameters<typeof tf.customGrad>[0]);
  return (f as unknown as (z: tf.Tensor) => tf.Tensor)(logits);
}

/** dz = dy (exp(logp) sum_c t_c - t) [N, C] with tfjs's ops, for rows t [N, C] and dy [N]. */
function closedFormGrad(dy: tf.Tensor, logp: tf.Tensor, t: tf.Tensor): tf.Tensor {
  return tf.mul(tf.expandDims(dy, 1), tf.sub(tf.mul(tf.exp(logp), tf.sum(t, 1, true)), t));
}

/** -sum_c t_c logp_c per row; 0 * log 0 must count as 0, not NaN: only terms with t_c > 0 contribute. */
function negSumTerms(target: tf.Tensor, logp: tf.Tensor): tf.Tensor {
  return tf.neg(tf.sum(tf.where(tf.greater(target, 0), tf.mul(target, logp), tf.zerosLike(logp)), 1));
}

/**
 * Cross-entropy from logits, like `F.cross_entropy(logits, target, label_smoothing=eps)`.
 * @param yTrue - class indices [N] or target probabilities [N, C]; constants: no gradient flows to them
 * @param logits - scores [N, C]; the gradient is the closed form (softmax(z) sum t - t) / N for "mean"
 * @param options - labelSmoothing, reduction (default "mean" over N)
 * @returns a scalar, or [N] with reduction "none"
 * @throws Error if logits is not 2-D, yTrue does not fit [N] / [N, C], or a label is out of range
 * @example crossEntropy([0], [[2, 1, 0]]); // 0.4076
 */
export function crossEntropy(yTrue: TensorLike, logits: TensorLike, options: CrossEntropyOptions = {}): tf.Tensor {
  checkOptions<CrossEntropyOptions>("losses.crossEntropy", options, { reduction: true, labelSmoothing: true });
  const fn = "losses.crossEntropy";
  return tidy(() => {
    const z = asTensor(fn, "logits", logits);
    expectShape(fn, "logits", z, ["N", "C"]);
    const [n, c] = z.shape as [number, number];
    const t = asTensor(fn, "yTrue", yTrue);
    const target = t.rank !== 2 && (options.labelSmoothing ?? 0) === 0 ? classIndices(fn, t, n, c) : smoothedTargets(fn, t, n, c, options);
    return reduce(fn, rowsFromLogits(target, z), options.reduction);
  });
}

/**
 * Cross-entropy from probabilities: -sum_c t_c log p_c with each log clamped at -100 (as
 * PyTorch's BCE), so a zero probability gives a large finite loss. Prefer crossEntropy on logits.
 * @param yTrue - class indices [N] or target probabilities [N, C]
 * @param yPred - probabilities [N, C] (rows summing to 1)
 * @param options - labelSmoothing, reduction (default "mean" over N)
 * @returns a scalar, or [N] with reduction "none"
 * @throws Error if yPred is not 2-D, yTrue does not fit, or a label is out of range
 * @example categoricalCrossEntropy([1], [[0.2, 0.8]]); // -ln 0.8 = 0.2231
 */
export function categoricalCrossEntropy(yTrue: TensorLike, yPred: TensorLike, options: CrossEntropyOptions = {}): tf.Tensor {
  checkOptions<CrossEntropyOptions>("losses.categoricalCrossEntropy", options, { reduction: true, labelSmoothing: true });
  const fn = "losses.categoricalCrossEntropy";
  return tidy(() => {
    const p = asTensor(fn, "yPred", yPred);
    expectShape(fn, "yPred", p, ["N", "C"]);
    return fromLogProbs(fn, yTrue, tf.maximum(tf.log(p), -100), options);
  });
}
