/**
 * Kullback-Leibler divergence KL(p || q) = sum p (log p - log q), where p = yTrue is the target
 * distribution and q = yPred the model's. Terms with p = 0 count as 0.
 */
import { tf } from "../backend";
import { tidy, type TensorLike } from "../core/check";
import { pair, reduce, type Reduction } from "./reduction";
import { checkOptions } from "../core/options";

/** Options for {@link klDiv}. */
export interface KlDivOptions {
  /**
   * "batchmean" (default): sum / N, the true KL per example; "mean": sum / number of elements
   * (PyTorch's default, which it warns about); "sum"; "none": elementwise terms.
   */
  reduction?: Reduction | "batchmean";
  /** yPred holds log-probabilities (as PyTorch's F.kl_div input). Default false. */
  logInput?: boolean;
}

/**
 * KL divergence, like `F.kl_div(log q, p, reduction="batchmean")`.
 * @param yTrue - target probabilities p [N, C]
 * @param yPred - predicted probabilities q [N, C] (or log q with logInput)
 * @param options - reduction, logInput
 * @returns a scalar, or [N, C] with reduction "none"; Infinity where q = 0 < p
 * @throws Error if shapes differ or the reduction is unknown
 * @example klDiv([[0.5, 0.5]], [[0.9, 0.1]]); // 0.5108
 */
export function klDiv(yTrue: TensorLike, yPred: TensorLike, options: KlDivOptions = {}): tf.Tensor {
  checkOptions<KlDivOptions>("losses.klDiv", options, { reduction: true, logInput: true });
  const fn = "losses.klDiv";
  return tidy(() => {
    const [p, q] = pair(fn, yTrue, yPred);
    const logQ = options.logInput ? q : tf.log(q);
    const terms = tf.where(tf.greater(p, 0), tf.mul(p, tf.sub(tf.log(p), logQ)), tf.zerosLike(p));
    if (options.reduction === "batchmean" || options.reduction == null) {
      return tf.div(tf.sum(terms), p.rank === 0 ? 1 : p.shape[0]);
    }
    return reduce(fn, terms, options.reduction);
  });
}
