/**
 * Labeled-text TSV files (`text<TAB>label`, no header, the SST-2 layout) into danfo DataFrames.
 */
import fs from "node:fs";
import type * as dfd from "danfojs-node";

// danfo pulls in mathjs, xlsx and its own tfjs entry (~7 s); load it only when a file is read,
// so notebooks that never read a table do not pay for it.
const danfo = (): typeof dfd => require("danfojs-node") as typeof dfd;

/** Options for {@link readLabeledTsv}. */
export interface ReadLabeledTsvOptions {
  /** Allowed label values. Default `[0, 1]`. */
  labels?: readonly number[];
}

/**
 * Reads a headerless `text<TAB>label` file with danfo (PapaParse underneath).
 *
 * @param file - path of the TSV file
 * @param options - see {@link ReadLabeledTsvOptions}
 * @returns a DataFrame [N, 2] with columns `text` (string) and `label` (int32)
 * @throws Error if the file is missing, or a line does not have a text and an allowed label
 *   (the message names the file and the 1-based line)
 * @example
 * const df = await readLabeledTsv("datasets/sst2/dev.tsv"); // [872, 2]
 */
export async function readLabeledTsv(file: string, options: ReadLabeledTsvOptions = {}): Promise<dfd.DataFrame> {
  const allowed = options.labels ?? [0, 1];
  if (!fs.existsSync(file)) throw new Error(`readLabeledTsv: no such file ${file}`);
  const df = await danfo().readCSV(file, {
    header: false,
    delimiter: "\t",
    skipEmptyLines: true,
    dynamicTyping: { 1: true },
    frameConfig: { columns: ["text", "label"] },
  } as Parameters<typeof dfd.readCSV>[1]);
  if (df.shape[1] !== 2) throw new Error(`readLabeledTsv: ${file}: expected 2 tab-separated columns, got ${df.shape[1]}`);
  const texts = df.column("text").values as unknown[];
  const labels = df.column("label").values as unknown[];
  labels.forEach((label, i) => {
    if (typeof texts[i] !== "string" || !allowed.includes(label as number)) {
      throw new Error(
        `readLabeledTsv: ${file} line ${i + 1}: expected "text<TAB>label" with label in ${JSON.stringify(allowed)}, ` +
          `got text ${JSON.stringify(texts[i])} and label ${JSON.stringify(label)}`,
      );
    }
  });
  return df;
}
