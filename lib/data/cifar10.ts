/**
 * CIFAR-10 from its official binary archive (`cifar-10-binary.tar.gz`): 50,000 training and
 * 10,000 test colour images 32×32 in 10 classes. Each record is 3073 bytes: the label, then the
 * red, green and blue planes (1024 bytes each, rows top to bottom). Images are kept as bytes in
 * NHWC order (150 MB for the training set instead of 600 MB of floats); {@link imageTensors} and
 * {@link imageBatches} turn the rows a step needs into float tensors.
 */
import fs from "node:fs";
import path from "node:path";
import { dataDir } from "./paths";
import { ensureFile } from "./download";
import { readTarGz } from "./tar-gz";
import { cifar10StandInArchive } from "./cifar10-standin";

/** The official archive: address and published MD5 (https://www.cs.toronto.edu/~kriz/cifar.html). */
export const CIFAR10_ARCHIVE = { url: "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz", md5: "c32a1d4ab5d03f1284b67883e8d87530" };

/** Bytes per record: 1 label byte + 32·32·3 pixel bytes. */
export const CIFAR10_RECORD_BYTES = 3073;

/** Labeled colour images: `images` is [N, H, W, C] (NHWC) bytes 0..255, `labels` [N] in 0..9. */
export interface ImageSet {
  images: Uint8Array;
  labels: Uint8Array;
  count: number;
  /** [H, W, C]: [32, 32, 3] for CIFAR-10. */
  shape: [number, number, number];
}

/** A loaded data set: which archive it came from, class names, training and test sets. */
export interface Cifar10Data {
  /** `"cifar10"` for the real data set, `"stand-in"` for the generated one. */
  source: "cifar10" | "stand-in";
  classes: string[];
  train: ImageSet;
  test: ImageSet;
  /** The archive that was read. */
  archive: string;
}

/** Options for {@link loadCifar10}. */
export interface Cifar10Options {
  /**
   * `"cifar10"` (default): the real archive, downloaded (MD5-checked) into `<dir>/cifar10/` on
   * first use. `"stand-in"`: the generated archive in the same format (see cifar10-standin.ts).
   * `"auto"`: the real one if it is already in the cache, else the stand-in (never downloads).
   */
  source?: "cifar10" | "stand-in" | "auto";
  /** Data folder. Default: {@link dataDir} (`$DLCOURSE_DATA` or the repo's `datasets/`). */
  dir?: string;
  /** Source URL instead of the official one (a mirror, or `file://` for a local copy). */
  url?: string;
}

/**
 * Parses records of the binary format into an {@link ImageSet} (planes become NHWC).
 *
 * @param bytes - N·3073 bytes: label, 1024 red, 1024 green, 1024 blue bytes per record
 * @returns the images [N, 32, 32, 3] as bytes with their labels
 * @throws Error if the length is not a multiple of 3073 or a label is above 9
 * @example
 * parseCifar10Records(fs.readFileSync("test_batch.bin")).count; // 10000
 */
export function parseCifar10Records(bytes: Uint8Array): ImageSet {
  if (bytes.length % CIFAR10_RECORD_BYTES !== 0) {
    throw new Error(`parseCifar10Records: expected a multiple of ${CIFAR10_RECORD_BYTES} bytes, got ${bytes.length}`);
  }
  const count = bytes.length / CIFAR10_RECORD_BYTES;
  const labels = new Uint8Array(count);
  const images = new Uint8Array(count * 3072);
  for (let k = 0; k < count; k++) {
    const at = k * CIFAR10_RECORD_BYTES;
    if (bytes[at] > 9) throw new Error(`parseCifar10Records: record ${k} has label ${bytes[at]}, expected 0..9`);
    labels[k] = bytes[at];
    const out = images.subarray(k * 3072, (k + 1) * 3072);
    for (let c = 0; c < 3; c++) {
      const plane = bytes.subarray(at + 1 + c * 1024, at + 1 + (c + 1) * 1024);
      for (let p = 0; p < 1024; p++) out[p * 3 + c] = plane[p];
    }
  }
  return { images, labels, count, shape: [32, 32, 3] };
}

/**
 * Path of the real archive, downloading it (MD5-checked) into `<dir>/cifar10/` when missing.
 *
 * @param options - `dir` and `url` of {@link Cifar10Options}
 * @returns the absolute path of the verified archive
 * @throws Error if it is missing and cannot be downloaded (the message says where to put it),
 *   or a file is there with the wrong checksum
 * @example
 * await cifar10ArchivePath(); // ".../datasets/cifar10/cifar-10-binary.tar.gz"
 */
export async function cifar10ArchivePath(options: Cifar10Options = {}): Promise<string> {
  const folder = path.join(dataDir({ dir: options.dir }), "cifar10");
  const dest = path.join(folder, "cifar-10-binary.tar.gz");
  const hint =
    `Offline? Copy cifar-10-binary.tar.gz (from ${CIFAR10_ARCHIVE.url}, or a course copy) into ${folder}/, ` +
    `or set DLCOURSE_DATA to a folder that has cifar10/cifar-10-binary.tar.gz, then run this cell again. ` +
    `Without it, loadCifar10({ source: "auto" }) uses the generated stand-in.`;
  return ensureFile({ url: options.url ?? CIFAR10_ARCHIVE.url, dest, md5: CIFAR10_ARCHIVE.md5, offlineHint: hint, timeoutSeconds: 600 });
}

/** Reads a CIFAR-10 binary archive: the five training batches, the test batch and the class names. */
function readArchive(file: string): Omit<Cifar10Data, "source" | "archive"> {
  const files = readTarGz(fs.readFileSync(file));
  const member = (name: string) => {
    const bytes = files.get(`cifar-10-batches-bin/${name}`);
    if (bytes == null) throw new Error(`loadCifar10: ${file} has no cifar-10-batches-bin/${name}; is it the binary version of CIFAR-10?`);
    return bytes;
  };
  const train = Buffer.concat([1, 2, 3, 4, 5].map((i) => member(`data_batch_${i}.bin`)));
  const classes = new TextDecoder().decode(member("batches.meta.txt")).split("\n").map((s) => s.trim()).filter((s) => s !== "");
  return { classes, train: parseCifar10Records(train), test: parseCifar10Records(member("test_batch.bin")) };
}

/**
 * Loads CIFAR-10 (or its stand-in) from the binary archive, through the same reader for both.
 *
 * @param options - see {@link Cifar10Options}
 * @returns `{ source, classes, train, test, archive }`; train has 50,000 images, test 10,000
 *   (the stand-in: 5,000 and 1,000)
 * @throws Error as {@link cifar10ArchivePath}, or if the archive is not in the binary layout
 * @example
 * const cifar = await loadCifar10({ source: "auto" });
 * cifar.source;        // "stand-in" on a machine without the real archive
 * cifar.train.shape;   // [32, 32, 3]
 */
export async function loadCifar10(options: Cifar10Options = {}): Promise<Cifar10Data> {
  const source = options.source ?? "cifar10";
  if (!["cifar10", "stand-in", "auto"].includes(source)) throw new Error(`loadCifar10: expected source "cifar10", "stand-in" or "auto", got "${source}"`);
  const real = path.join(dataDir({ dir: options.dir }), "cifar10", "cifar-10-binary.tar.gz");
  const useReal = source === "cifar10" || (source === "auto" && fs.existsSync(real));
  const archive = useReal ? await cifar10ArchivePath(options) : cifar10StandInArchive({ dir: options.dir });
  return { source: useReal ? "cifar10" : "stand-in", archive, ...readArchive(archive) };
}
