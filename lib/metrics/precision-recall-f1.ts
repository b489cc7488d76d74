/**
 * Precision tp/(tp+fp), recall tp/(tp+fn) and F1 = 2tp/(2tp+fp+fn), as scikit-learn's
 * precision_score, recall_score and f1_score, with the same `average` modes and zero_division.
 */
import { checkOptions } from "../core/options";
import { toPair, uniqueSorted, type Vector } from "./values";

/** Options for {@link precision}, {@link recall}, {@link f1}. */
export interface PrfOptions {
  /**
   * "binary" (default): the class posLabel only; "micro": global tp/fp/fn; "macro": unweighted mean
   * over classes; "weighted": mean weighted by support; "none": one score per class (in `labels` order).
   */
  average?: "binary" | "micro" | "macro" | "weighted" | "none";
  /** Positive class for "binary". Default 1. */
  posLabel?: number;
  /** Classes to score for the other modes. Default: sorted labels of yTrue and yPred. */
  labels?: number[];
  /** Value when a ratio is 0/0 (sklearn's zero_division). Default 0. */
  zeroDivision?: number;
}

type Kind = "precision" | "recall" | "f1";

function ratio(num: number, den: number, zero: number): number {
  return den === 0 ? zero : num / den;
}

function score(kind: Kind, tp: number, fp: number, fn: number, zero: number): number {
  if (kind === "precision") return ratio(tp, tp + fp, zero);
  if (kind === "recall") return ratio(tp, tp + fn, zero);
  return ratio(2 * tp, 2 * tp + fp + fn, zero);
}

/** One-vs-rest counts of class l; support = number of true samples of l. */
function classCounts(t: number[], p: number[], l: number): { tp: number; fp: number; fn: number; support: number } {
  let tp = 0, fp = 0, fn = 0;
  t.forEach((v, i) => {
    if (p[i] === l && v === l) tp++;
    else if (p[i] === l) fp++;
    else if (v === l) fn++;
  });
  return { tp, fp, fn, support: tp + fn };
}

function prf(name: string, kind: Kind, yTrue: Vector, yPred: Vector, options: PrfOptions): number | number[] {
  const fn = `metrics.${name}`;
  checkOptions<PrfOptions>(fn, options, { average: true, posLabel: true, labels: true, zeroDivision: true });
  const [t, p] = toPair(fn, ["yTrue", yTrue], ["yPred", yPred]);
  const average = options.average ?? "binary";
  const zero = options.zeroDivision ?? 0;
  const present = uniqueSorted(t, p);
  let labels = options.labels ?? present;
  if (average === "binary") {
    const pos = options.posLabel ?? 1;
    if (present.length > 2) {
      throw new Error(`${fn}: average "binary" needs 2 classes, got ${present.length} ([${present.join(", ")}]); choose average "micro", "macro", "weighted" or "none"`);
    }
    if (present.length === 2 && !present.includes(pos)) throw new Error(`${fn}: posLabel ${pos} is not one of the labels [${present.join(", ")}]`);
    labels = [pos];
  }
  const counts = labels.map((l) => classCounts(t, p, l));
  if (average === "micro") {
    const s = counts.reduce((a, c) => ({ tp: a.tp + c.tp, fp: a.fp + c.fp, fn: a.fn + c.fn }), { tp: 0, fp: 0, fn: 0 });
    return score(kind, s.tp, s.fp, s.fn, zero);
  }
  const per = counts.map((c) => score(kind, c.tp, c.fp, c.fn, zero));
  if (average === "binary") return per[0];
  if (average === "none") return per;
  if (average === "macro") return per.reduce((a, b) => a + b, 0) / per.length;
  if (average === "weighted") {
    const total = counts.reduce((a, c) => a + c.support, 0);
    return total === 0 ? zero : per.reduce((a, s, i) => a + s * counts[i].support, 0) / total;
  }
  throw new Error(`${fn}: expected average "binary", "micro", "macro", "weighted" or "none", got ${JSON.stringify(average)}`);
}

/**
 * Precision: of the samples predicted positive, the fraction that is positive.
 * @param yTrue - labels [N]
 * @param yPred - predicted labels [N]
 * @param options - average, posLabel, labels, zeroDivision
 * @returns the score, or one per class with average "none"
 * @throws Error if lengths differ, "binary" meets more than 2 classes, or average is unknown
 * @example precision([0, 1, 1, 0], [1, 1, 0, 0]); // 0.5
 */
export function precision(yTrue: Vector, yPred: Vector, options: PrfOptions & { average: "none" }): number[];
export function precision(yTrue: Vector, yPred: Vector, options?: PrfOptions): number;
export function precision(yTrue: Vector, yPred: Vector, options: PrfOptions = {}): number | number[] {
  return prf("precision", "precision", yTrue, yPred, options);
}

/**
 * Recall: of the positive samples, the fraction predicted positive.
 * @param yTrue - labels [N]
 * @param yPred - predicted labels [N]
 * @param options - average, posLabel, labels, zeroDivision
 * @returns the score, or one per class with average "none"
 * @throws Error as {@link precision}
 * @example recall([0, 1, 1, 0], [1, 1, 0, 0]); // 0.5
 */
export function recall(yTrue: Vector, yPred: Vector, options: PrfOptions & { average: "none" }): number[];
export function recall(yTrue: Vector, yPred: Vector, options?: PrfOptions): number;
export function recall(yTrue: Vector, yPred: Vector, options: PrfOptions = {}): number | number[] {
  return prf("recall", "recall", yTrue, yPred, options);
}

/**
 * F1, the harmonic mean of precision and recall: 2tp / (2tp + fp + fn).
 * @param yTrue - labels [N]
 * @param yPred - predicted labels [N]
 * @param options - average, posLabel, labels, zeroDivision
 * @returns the score, or one per class with average "none"
 * @throws Error as {@link precision}
 * @example f1([0, 1, 1, 0], [1, 1, 0, 0]); // 0.5
 */
export function f1(yTrue: Vector, yPred: Vector, options: PrfOptions & { average: "none" }): number[];
export function f1(yTrue: Vector, yPred: Vector, options?: PrfOptions): number;
export function f1(yTrue: Vector, yPred: Vector, options: PrfOptions = {}): number | number[] {
  return prf("f1", "f1", yTrue, yPred, options);
}
