/**
 * True- and false-positive counts at every distinct score threshold, scikit-learn's
 * `_binary_clf_curve`: sort by score (descending; equal scores keep a fixed order), and cut only
 * where the score changes, so tied scores form one point (that is how ties are collapsed).
 */
import { toPair, uniqueSorted, type Vector } from "./values";

/** Counts at each threshold, thresholds decreasing. */
export interface BinaryCurve {
  /** False positives with score >= threshold. */
  fps: number[];
  /** True positives with score >= threshold. */
  tps: number[];
  /** Distinct scores, decreasing. */
  thresholds: number[];
}

/**
 * Turns labels into 0/1 with posLabel as 1, checking that there are at most 2 classes.
 * @throws Error naming fn if yTrue has more than 2 distinct values, or posLabel is not among 2
 */
export function binarize(fn: string, yTrue: number[], posLabel: number | undefined): number[] {
  const classes = uniqueSorted(yTrue);
  if (classes.length > 2) throw new Error(`${fn}: expected binary yTrue, got ${classes.length} classes [${classes.join(", ")}]`);
  let pos = posLabel;
  if (pos == null) {
    const ok = classes.every((c) => c === 0 || c === 1) || classes.every((c) => c === -1 || c === 1);
    if (!ok) throw new Error(`${fn}: yTrue has labels [${classes.join(", ")}]; give posLabel (labels other than {0, 1} or {-1, 1})`);
    pos = 1;
  }
  return yTrue.map((v) => (v === pos ? 1 : 0));
}

/**
 * Counts for every distinct score.
 * @param fn - calling function, for errors
 * @param yTrue - labels [N]
 * @param yScore - scores [N], higher = more positive
 * @param posLabel - positive class (default 1 for {0, 1} / {-1, 1} labels)
 * @returns fps, tps, thresholds, one entry per distinct score
 */
export function binaryCurve(fn: string, yTrue: Vector, yScore: Vector, posLabel?: number): BinaryCurve {
  const [t, s] = toPair(fn, ["yTrue", yTrue], ["yScore", yScore]);
  const y = binarize(fn, t, posLabel);
  // numpy: argsort(y_score, kind="mergesort")[::-1] -- stable ascending, then reversed.
  const order = s.map((_, i) => i).sort((a, b) => s[a] - s[b] || a - b).reverse();
  const fps: number[] = [];
  const tps: number[] = [];
  const thresholds: number[] = [];
  let tp = 0;
  order.forEach((idx, k) => {
    tp += y[idx];
    const last = k === order.length - 1;
    if (last || s[order[k + 1]] !== s[idx]) {
      tps.push(tp);
      fps.push(k + 1 - tp);
      thresholds.push(s[idx]);
    }
  });
  return { fps, tps, thresholds };
}
