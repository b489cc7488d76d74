/**
 * Accuracy, as scikit-learn's accuracy_score.
 */
import { checkOptions } from "../core/options";
import { toPair, type Vector } from "./values";

/** Options for {@link accuracy}. */
export interface AccuracyOptions {
  /** Fraction (true) or count (false) of correct predictions. Default true. */
  normalize?: boolean;
}

/**
 * Fraction of exactly correct predictions.
 * @param yTrue - labels [N]
 * @param yPred - predicted labels [N]
 * @param options - normalize
 * @returns accuracy in [0, 1] (or the count)
 * @throws Error if lengths differ or are 0
 * @example accuracy([0, 1, 2, 1], [0, 2, 2, 1]); // 0.75
 */
export function accuracy(yTrue: Vector, yPred: Vector, options: AccuracyOptions = {}): number {
  checkOptions<AccuracyOptions>("metrics.accuracy", options, { normalize: true });
  const [t, p] = toPair("metrics.accuracy", ["yTrue", yTrue], ["yPred", yPred]);
  const correct = t.reduce((s, v, i) => s + (v === p[i] ? 1 : 0), 0);
  return (options.normalize ?? true) ? correct / t.length : correct;
}
