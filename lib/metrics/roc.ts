/**
 * ROC curve and the area under it, exactly as scikit-learn's roc_curve / roc_auc_score (binary):
 * tied scores are one point, collinear intermediate points are dropped (dropIntermediate), a
 * first point (0, 0) with threshold Infinity is added, and the area is the trapezoid rule.
 */
import { checkOptions } from "../core/options";
import { binaryCurve } from "./binary-curve";
import type { Vector } from "./values";

/** Options for {@link rocCurve}. */
export interface RocCurveOptions {
  /** Positive class. Default 1 (labels {0, 1} or {-1, 1}). */
  posLabel?: number;
  /** Drop points that lie on a straight segment (do not change the curve). Default true. */
  dropIntermediate?: boolean;
}

/** Options for {@link rocAuc}. */
export interface RocAucOptions {
  /** Positive class. Default 1. */
  posLabel?: number;
}

/** A ROC curve, thresholds decreasing. */
export interface RocCurve {
  fpr: number[];
  tpr: number[];
  /** thresholds[0] = Infinity (nothing predicted positive), then the distinct scores kept. */
  thresholds: number[];
}

/**
 * ROC curve: false- and true-positive rates as the threshold goes down.
 * @param yTrue - binary labels [N]
 * @param yScore - scores [N] (probabilities, logits or any ranking)
 * @param options - posLabel, dropIntermediate
 * @returns fpr, tpr, thresholds (same length); rates are NaN if a class is absent (as sklearn)
 * @throws Error if lengths differ, yTrue has more than 2 classes, or a value is not finite
 * @example rocCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
 * // fpr [0, 0, 0.5, 0.5, 1], tpr [0, 0.5, 0.5, 1, 1], thresholds [Infinity, 0.8, 0.4, 0.35, 0.1]
 */
export function rocCurve(yTrue: Vector, yScore: Vector, options: RocCurveOptions = {}): RocCurve {
  checkOptions<RocCurveOptions>("metrics.rocCurve", options, { posLabel: true, dropIntermediate: true });
  let { fps, tps, thresholds } = binaryCurve("metrics.rocCurve", yTrue, yScore, options.posLabel);
  if ((options.dropIntermediate ?? true) && fps.length > 2) {
    // keep the ends and every point where the second difference of fps or tps is non-zero
    const keep = fps.map((_, i) => i === 0 || i === fps.length - 1 ||
      fps[i + 1] - 2 * fps[i] + fps[i - 1] !== 0 || tps[i + 1] - 2 * tps[i] + tps[i - 1] !== 0);
    [fps, tps, thresholds] = [fps, tps, thresholds].map((a) => a.filter((_, i) => keep[i]));
  }
  fps = [0, ...fps];
  tps = [0, ...tps];
  const [nNeg, nPos] = [fps[fps.length - 1], tps[tps.length - 1]];
  return {
    fpr: fps.map((v) => (nNeg > 0 ? v / nNeg : NaN)),
    tpr: tps.map((v) => (nPos > 0 ? v / nPos : NaN)),
    thresholds: [Infinity, ...thresholds],
  };
}

/**
 * Area under a curve by the trapezoid rule (x monotonic), as sklearn.metrics.auc.
 * @param x - increasing (or decreasing) x [K], K >= 2
 * @param y - y [K]
 * @returns the area (sign-corrected for decreasing x)
 * @throws Error if lengths differ, K < 2, or x is not monotonic
 * @example auc([0, 0.5, 1], [0, 1, 1]); // 0.75
 */
export function auc(x: number[], y: number[]): number {
  if (x.length !== y.length || x.length < 2) throw new Error(`metrics.auc: expected x and y of the same length >= 2, got ${x.length} and ${y.length}`);
  const dx = x.slice(1).map((v, i) => v - x[i]);
  const dir = dx.every((d) => d >= 0) ? 1 : dx.every((d) => d <= 0) ? -1 : 0;
  if (dir === 0) throw new Error(`metrics.auc: x is neither increasing nor decreasing`);
  return dir * dx.reduce((s, d, i) => s + (d * (y[i] + y[i + 1])) / 2, 0);
}

/**
 * Area under the ROC curve: the probability that a random positive scores above a random
 * negative, ties counting one half.
 * @param yTrue - binary labels [N], both classes present
 * @param yScore - scores [N]
 * @param options - posLabel
 * @returns ROC AUC in [0, 1]
 * @throws Error if only one class is present in yTrue (AUC undefined), or as {@link rocCurve}
 * @example rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]); // 0.75
 */
export function rocAuc(yTrue: Vector, yScore: Vector, options: RocAucOptions = {}): number {
  checkOptions<RocAucOptions>("metrics.rocAuc", options, { posLabel: true });
  const { fpr, tpr } = rocCurve(yTrue, yScore, { posLabel: options.posLabel });
  if (Number.isNaN(fpr[fpr.length - 1]) || Number.isNaN(tpr[tpr.length - 1])) {
    throw new Error("metrics.rocAuc: only one class present in yTrue; ROC AUC is not defined then");
  }
  return auc(fpr, tpr);
}
