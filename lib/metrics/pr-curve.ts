/**
 * Precision-recall curve and average precision, as scikit-learn's precision_recall_curve and
 * average_precision_score (binary).
 */
import { checkOptions } from "../core/options";
import { binaryCurve } from "./binary-curve";
import type { Vector } from "./values";

/** Options for {@link precisionRecallCurve}. */
export interface PrecisionRecallCurveOptions {
  /** Positive class. Default 1. */
  posLabel?: number;
  /** Drop thresholds where tps does not change on either side. Default false (as sklearn). */
  dropIntermediate?: boolean;
}

/** Options for {@link averagePrecision}. */
export interface AveragePrecisionOptions {
  /** Positive class. Default 1. */
  posLabel?: number;
}

/** A precision-recall curve: recall decreasing to 0, with a final point (recall 0, precision 1). */
export interface PrecisionRecallCurve {
  /** [K + 1], last = 1. */
  precision: number[];
  /** [K + 1], last = 0. */
  recall: number[];
  /** [K] distinct scores, increasing. */
  thresholds: number[];
}

/**
 * Precision and recall at each distinct score threshold.
 * @param yTrue - binary labels [N]
 * @param yScore - scores [N]
 * @param options - posLabel, dropIntermediate
 * @returns precision, recall (recall all 1 if there is no positive, as sklearn), thresholds
 * @throws Error if lengths differ or yTrue has more than 2 classes
 * @example precisionRecallCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
 * // precision [0.5, 0.667, 0.5, 1, 1], recall [1, 1, 0.5, 0.5, 0], thresholds [0.1, 0.35, 0.4, 0.8]
 */
export function precisionRecallCurve(yTrue: Vector, yScore: Vector, options: PrecisionRecallCurveOptions = {}): PrecisionRecallCurve {
  checkOptions<PrecisionRecallCurveOptions>("metrics.precisionRecallCurve", options, { posLabel: true, dropIntermediate: true });
  let { fps, tps, thresholds } = binaryCurve("metrics.precisionRecallCurve", yTrue, yScore, options.posLabel);
  if (options.dropIntermediate && fps.length > 2) {
    const keep = tps.map((_, i) => i === 0 || i === tps.length - 1 || tps[i] !== tps[i - 1] || tps[i + 1] !== tps[i]);
    [fps, tps, thresholds] = [fps, tps, thresholds].map((a) => a.filter((_, i) => keep[i]));
  }
  const nPos = tps[tps.length - 1];
  const precision = tps.map((tp, i) => (tp + fps[i] === 0 ? 0 : tp / (tp + fps[i])));
  const recall = tps.map((tp) => (nPos === 0 ? 1 : tp / nPos));
  return { precision: [...precision.reverse(), 1], recall: [...recall.reverse(), 0], thresholds: thresholds.reverse() };
}

/**
 * Average precision AP = sum_k (R_k - R_{k-1}) P_k (a step integral, no interpolation).
 * @param yTrue - binary labels [N]
 * @param yScore - scores [N]
 * @param options - posLabel
 * @returns AP in [0, 1]
 * @throws Error as {@link precisionRecallCurve}
 * @example averagePrecision([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]); // 0.8333
 */
export function averagePrecision(yTrue: Vector, yScore: Vector, options: AveragePrecisionOptions = {}): number {
  checkOptions<AveragePrecisionOptions>("metrics.averagePrecision", options, { posLabel: true });
  const { precision, recall } = precisionRecallCurve(yTrue, yScore, { posLabel: options.posLabel });
  let ap = 0;
  for (let i = 0; i < recall.length - 1; i++) ap += (recall[i] - recall[i + 1]) * precision[i];
  return ap;
}
