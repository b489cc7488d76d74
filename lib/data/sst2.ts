/**
 * SST-2 (Stanford Sentiment Treebank, binary): one movie-review sentence per line, tokenized and
 * lowercased by its authors, then a tab and the label (1 positive, 0 negative). No header.
 */
import fs from "node:fs";
import path from "node:path";
import type * as dfd from "danfojs-node";
import { dataDir } from "./paths";
import { ensureFile } from "./download";
import { readLabeledTsv } from "./tsv";

/** The three files of the data set. */
export type Sst2Split = "train" | "dev" | "test";

const SOURCE = "https://github.com/clairett/pytorch-sentiment-classification/raw/master/data/SST2";

/** Where each file comes from (the address the lecture reads) and its SHA-256. */
export const SST2_FILES: Readonly<Record<Sst2Split, { url: string; sha256: string; rows: number }>> = {
  train: { url: `${SOURCE}/train.tsv`, sha256: "ec192f833a64da08f475488a77b0d0b47db47acd0f458bd18433fc793b569920", rows: 6920 },
  dev: { url: `${SOURCE}/dev.tsv`, sha256: "eddea6b39e601dd4e7a672b53cc40fdf6019fa80522f351206c24340ca5d9359", rows: 872 },
  test: { url: `${SOURCE}/test.tsv`, sha256: "831169c7e2e429d6026e1bdbb542f33b636e3e596caad9602ebc953c205928b7", rows: 1821 },
};

/** Options for {@link sst2Path} and {@link loadSst2}. */
export interface Sst2Options {
  /** Which file. Default `"train"` (the one the lecture uses). */
  split?: Sst2Split;
  /** Data folder holding `sst2/`. Default: {@link dataDir} (`$DLCOURSE_DATA` or the repo's). */
  dir?: string;
  /** Download the file if it is missing. Default true. */
  download?: boolean;
  /** Source URL instead of the public one (a mirror, or `file://` for a local copy). */
  url?: string;
}

/**
 * Path of an SST-2 file, downloading it (checksum-verified) into `<dir>/sst2/` when missing.
 *
 * @param options - see {@link Sst2Options}
 * @returns the absolute path of the verified TSV file
 * @throws Error if the split is unknown, the file is missing and cannot be downloaded (the
 *   message says where to put it), or a file is present with the wrong checksum
 * @example
 * await sst2Path();                       // ".../datasets/sst2/train.tsv"
 */
export async function sst2Path(options: Sst2Options = {}): Promise<string> {
  const split = options.split ?? "train";
  const spec = SST2_FILES[split];
  if (spec == null) throw new Error(`sst2: expected split "train", "dev" or "test", got "${split}"`);
  const folder = path.join(dataDir({ dir: options.dir }), "sst2");
  const dest = path.join(folder, `${split}.tsv`);
  const hint =
    `Offline? Copy SST-2's ${split}.tsv (from ${spec.url}, or a course copy) into ${folder}/, ` +
    `or set DLCOURSE_DATA to a folder that has sst2/${split}.tsv, then run this cell again.`;
  if (options.download === false && !fs.existsSync(dest)) {
    throw new Error(`sst2: ${dest} is missing and download is off. ${hint}`);
  }
  return ensureFile({ url: options.url ?? spec.url, dest, sha256: spec.sha256, offlineHint: hint });
}

/**
 * Loads an SST-2 file into a danfo DataFrame with columns `text` (string) and `label` (0/1).
 *
 * @param options - see {@link Sst2Options}
 * @returns the DataFrame, [6920, 2] for the training file
 * @throws Error as {@link sst2Path}, or as {@link readLabeledTsv} for a malformed line
 * @example
 * const df = await loadSst2();
 * df.shape;                         // [6920, 2]
 * df.column("label").sum();         // 3610 positive reviews
 */
export async function loadSst2(options: Sst2Options = {}): Promise<dfd.DataFrame> {
  return readLabeledTsv(await sst2Path(options));
}
