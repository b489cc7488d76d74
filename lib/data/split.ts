/**
 * Texts and labels out of a DataFrame, and the lecture's head/tail split.
 */
import type * as dfd from "danfojs-node";

/** Parallel arrays of N texts and N labels. */
export interface LabeledTexts {
  texts: string[];
  labels: number[];
}

/** Options for {@link headTailSplit}. */
export interface HeadTailSplitOptions {
  /** Rows 0 .. trainSize-1 train, the rest test (no shuffling). Default 5000, as in the lecture. */
  trainSize?: number;
  /** Column with the texts. Default `"text"`. */
  textColumn?: string;
  /** Column with the labels. Default `"label"`. */
  labelColumn?: string;
}

/**
 * Splits a frame by position, the way the lecture does for SST-2 (first 5000 rows train,
 * remaining 1920 test). SST-2's rows are already in random order, so no shuffle is needed.
 *
 * @param df - a frame with a text and a label column
 * @param options - see {@link HeadTailSplitOptions}
 * @returns `{ train, test }`, each with `texts` and `labels`
 * @throws Error if a column is missing or `trainSize` is not an integer in [0, rows]
 * @example
 * const { train, test } = headTailSplit(await loadSst2());
 * train.texts.length; // 5000
 * test.labels.length; // 1920
 */
export function headTailSplit(df: dfd.DataFrame, options: HeadTailSplitOptions = {}): { train: LabeledTexts; test: LabeledTexts } {
  const trainSize = options.trainSize ?? 5000;
  const textColumn = options.textColumn ?? "text";
  const labelColumn = options.labelColumn ?? "label";
  for (const c of [textColumn, labelColumn]) {
    if (!df.columns.includes(c)) throw new Error(`headTailSplit: expected a column "${c}", got columns ${JSON.stringify(df.columns)}`);
  }
  const rows = df.shape[0];
  if (!Number.isInteger(trainSize) || trainSize < 0 || trainSize > rows) {
    throw new Error(`headTailSplit: expected trainSize an integer in [0, ${rows}], got ${trainSize}`);
  }
  const texts = (df.column(textColumn).values as unknown[]).map(String);
  const labels = (df.column(labelColumn).values as unknown[]).map(Number);
  return {
    train: { texts: texts.slice(0, trainSize), labels: labels.slice(0, trainSize) },
    test: { texts: texts.slice(trainSize), labels: labels.slice(trainSize) },
  };
}
