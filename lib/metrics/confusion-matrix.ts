/**
 * The confusion matrix, as scikit-learn's confusion_matrix.
 */
import { checkOptions } from "../core/options";
import { toPair, uniqueSorted, type Vector } from "./values";

/** Options for {@link confusionMatrix}. */
export interface ConfusionMatrixOptions {
  /** Class labels, in the order of rows and columns. Default: sorted labels of yTrue and yPred. */
  labels?: number[];
}

/**
 * Confusion matrix C with C[i][j] = number of samples of true class labels[i] predicted as labels[j].
 * @param yTrue - labels [N]
 * @param yPred - predicted labels [N]
 * @param options - labels (order of rows/columns; samples with other labels are ignored)
 * @returns C [K, K] for K labels, rows = true class
 * @throws Error if lengths differ or `labels` is empty or repeats a label
 * @example confusionMatrix([0, 1, 1], [0, 0, 1]); // [[1, 0], [1, 1]]
 */
export function confusionMatrix(yTrue: Vector, yPred: Vector, options: ConfusionMatrixOptions = {}): number[][] {
  checkOptions<ConfusionMatrixOptions>("metrics.confusionMatrix", options, { labels: true });
  const fn = "metrics.confusionMatrix";
  const [t, p] = toPair(fn, ["yTrue", yTrue], ["yPred", yPred]);
  const labels = options.labels ?? uniqueSorted(t, p);
  if (labels.length === 0 || new Set(labels).size !== labels.length) {
    throw new Error(`${fn}: expected labels as a non-empty list of distinct values, got [${labels.join(", ")}]`);
  }
  const index = new Map(labels.map((l, i) => [l, i]));
  const c = labels.map(() => labels.map(() => 0));
  t.forEach((v, k) => {
    const [i, j] = [index.get(v), index.get(p[k])];
    if (i != null && j != null) c[i][j] += 1;
  });
  return c;
}
