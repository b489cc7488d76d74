/** Accuracy of scores thresholded into classes 0/1 (Keras's binary_accuracy). */
import { toPair, type Vector } from "./values";
import { checkOptions } from "../core/options";

/** Options of {@link binaryAccuracy}. */
export interface BinaryAccuracyOptions {
  /** A score at or above it predicts class 1 (default 0.5). */
  threshold?: number;
}

/**
 * Share of examples whose score, cut at `threshold`, gives the true label: the same as
 * `metrics.accuracy(yTrue, scores.map((s) => (s >= threshold ? 1 : 0)))`.
 * @param yTrue labels 0/1 [N]
 * @param scores scores or probabilities of class 1 [N]
 * @param options `threshold` (default 0.5; a score equal to it predicts 1)
 * @returns accuracy in [0, 1]
 * @throws Error naming metrics.binaryAccuracy if lengths differ, a value is not finite, or the
 *   threshold is not a finite number
 * @example
 * metrics.binaryAccuracy([1, 0, 1], [0.9, 0.4, 0.3]) // 2 / 3
 */
export function binaryAccuracy(yTrue: Vector, scores: Vector, options: BinaryAccuracyOptions = {}): number {
  checkOptions<BinaryAccuracyOptions>("metrics.binaryAccuracy", options, { threshold: true });
  const threshold = options.threshold ?? 0.5;
  if (!Number.isFinite(threshold)) throw new Error(`metrics.binaryAccuracy: expected a finite threshold, got ${threshold}`);
  const [t, s] = toPair("metrics.binaryAccuracy", ["yTrue", yTrue], ["scores", scores]);
  return t.reduce((right, y, i) => right + Number((s[i] >= threshold ? 1 : 0) === y), 0) / t.length;
}
