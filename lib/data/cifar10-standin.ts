/**
 * A stand-in for CIFAR-10 where the real archive cannot be downloaded (CI, this course's offline
 * machines): ten classes of shapes (disk, ring, square, ...) drawn at a random place, size and
 * colour on a noisy background with a distractor blob, 32×32×3, written as a
 * `cifar-10-binary.tar.gz` in the official layout and read by the same loader. Deterministic: the
 * same seed gives the same bytes. Each class has a typical colour (jittered, so colour alone is
 * not enough, as in photos) and a shape at a varying place and size: a pixel MLP learns part of
 * it, a convolutional net much more, neither for free.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { dataDir } from "./paths";
import { seededRng, type Rng } from "../core/random";
import { writeTarGz } from "./tar-gz";

/** Class names of the stand-in (its `batches.meta.txt`). */
export const CIFAR10_STANDIN_CLASSES = ["disk", "ring", "square", "frame", "plus", "x-cross", "h-stripes", "v-stripes", "triangle", "checker"];

/** Is pixel (dy, dx), relative to the shape's centre, inside shape `label` of radius r? */
function inside(label: number, dy: number, dx: number, r: number): boolean {
  const [ay, ax, d] = [Math.abs(dy), Math.abs(dx), Math.hypot(dy, dx)];
  const box = ay <= r && ax <= r;
  const t = Math.max(1.5, r / 3.5);
  switch (label) {
    case 0: return d <= r;
    case 1: return d <= r && d >= r - t;
    case 2: return ay <= r * 0.85 && ax <= r * 0.85;
    case 3: return ay <= r * 0.85 && ax <= r * 0.85 && (ay >= r * 0.85 - t || ax >= r * 0.85 - t);
    case 4: return box && (ay <= t / 1.5 || ax <= t / 1.5);
    case 5: return box && (Math.abs(dy - dx) <= t / 1.2 || Math.abs(dy + dx) <= t / 1.2);
    case 6: return box && Math.floor((dy + r) / 3) % 2 === 0;
    case 7: return box && Math.floor((dx + r) / 3) % 2 === 0;
    case 8: return dy <= r * 0.8 && dy >= -r && ax <= (dy + r) * 0.55;
    default: return box && (Math.floor((dy + r) / 3) + Math.floor((dx + r) / 3)) % 2 === 0;
  }
}

function gauss(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

/** Each class's typical foreground colour (RGB in [0, 1]); images jitter it, as photos of a class vary. */
const HUES = [[0.9, 0.2, 0.2], [0.2, 0.8, 0.2], [0.2, 0.3, 0.9], [0.9, 0.8, 0.1], [0.8, 0.2, 0.8], [0.1, 0.8, 0.8], [0.95, 0.55, 0.1], [0.5, 0.3, 0.9], [0.9, 0.9, 0.9], [0.45, 0.75, 0.3]];

/** Writes one record (label byte + R, G, B planes) of class `label` into `out` [3073]. */
function drawRecord(label: number, rng: Rng, out: Uint8Array): void {
  const typical = rng() < 0.5; // half the images have their class's colour, half a random one
  const fg = HUES[label].map((v) => Math.min(1, Math.max(0, typical ? v + 0.5 * (rng() - 0.5) : 0.2 + 0.8 * rng())));
  const dark = rng() < 0.8;
  const bg = fg.map(() => (dark ? 0.25 * rng() : 0.5 + 0.3 * rng()));
  const blob = [rng() * 32, rng() * 32, 2 + 3 * rng(), rng()];
  const r = 7 + 5 * rng();
  const [cy, cx] = [16 + (rng() - 0.5) * 8, 16 + (rng() - 0.5) * 8];
  const noise = 0.03 + 0.07 * rng();
  out[0] = label;
  for (let y = 0; y < 32; y++) {
    for (let x = 0; x < 32; x++) {
      const shape = inside(label, y - cy, x - cx, r);
      const inBlob = Math.hypot(y - blob[0], x - blob[1]) <= blob[2];
      const light = 1 + 0.15 * ((x + y) / 31 - 1);
      for (let c = 0; c < 3; c++) {
        const base = shape ? fg[c] : inBlob ? (bg[c] + blob[3]) / 2 : bg[c];
        out[1 + c * 1024 + y * 32 + x] = Math.round(255 * Math.min(1, Math.max(0, base * light + noise * gauss(rng))));
      }
    }
  }
}

/** Options for {@link cifar10StandInRecords}. */
export interface StandInRecordsOptions {
  /** Number of images N. Required. */
  count: number;
  /** Seed of everything drawn. Default 0. */
  seed?: number;
}

/**
 * N stand-in images as records of the CIFAR-10 binary format; labels cycle through a shuffled
 * order so each class has N/10 images (±1).
 *
 * @param options - see {@link StandInRecordsOptions}
 * @returns N·3073 bytes, readable by parseCifar10Records
 * @throws Error if `count` is not a positive integer
 * @example
 * parseCifar10Records(cifar10StandInRecords({ count: 100, seed: 7 })).count; // 100
 */
export function cifar10StandInRecords(options: StandInRecordsOptions): Uint8Array {
  const { count } = options;
  if (!Number.isInteger(count) || count < 1) throw new Error(`cifar10StandInRecords: expected count an integer >= 1, got ${count}`);
  const rng = seededRng(options.seed ?? 0);
  const labels = Array.from({ length: count }, (_, i) => i % 10);
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [labels[i], labels[j]] = [labels[j], labels[i]];
  }
  const out = new Uint8Array(count * 3073);
  labels.forEach((label, k) => drawRecord(label, rng, out.subarray(k * 3073, (k + 1) * 3073)));
  return out;
}

/** Bump when the drawing changes, so caches of older stand-ins are not reused. */
const VERSION = 2;

/** Options for {@link cifar10StandInArchive}. */
export interface StandInArchiveOptions {
  /** Data folder; the archive goes to `<dir>/cifar10/`. Default: dataDir(). */
  dir?: string;
}

/**
 * Path of the stand-in archive (5 training batches of 1,000 images, a test batch of 1,000), in
 * the official layout; written on first use into the data folder, then reused.
 *
 * @param options - see {@link StandInArchiveOptions}
 * @returns the absolute path of `cifar10/cifar-10-standin-v<version>.tar.gz` in the data folder
 *   (in the system's temp folder if the data folder is read-only)
 * @throws Error if neither folder can be written
 * @example
 * readTarGz(fs.readFileSync(cifar10StandInArchive())).size; // 7
 */
export function cifar10StandInArchive(options: StandInArchiveOptions = {}): string {
  const name = `cifar-10-standin-v${VERSION}.tar.gz`;
  const dest = path.join(dataDir({ dir: options.dir }), "cifar10", name);
  const fallback = path.join(os.tmpdir(), "dlcourse-cifar10", name);
  for (const file of [dest, fallback]) if (fs.existsSync(file)) return file;
  const batch = (seed: number): Uint8Array => cifar10StandInRecords({ count: 1000, seed });
  const files: [string, Uint8Array][] = [1, 2, 3, 4, 5].map((b) => [`cifar-10-batches-bin/data_batch_${b}.bin`, batch(b)]);
  files.push(["cifar-10-batches-bin/test_batch.bin", batch(6)]);
  files.push(["cifar-10-batches-bin/batches.meta.txt", Buffer.from(`${CIFAR10_STANDIN_CLASSES.join("\n")}\n\n`)]);
  files.push(["cifar-10-batches-bin/readme.txt", Buffer.from("dlcourse stand-in for CIFAR-10: generated shapes, not photographs (lib/data/cifar10-standin.ts).\n")]);
  const bytes = writeTarGz(files);
  try {
    return writeAtomically(dest, bytes);
  } catch {
    return writeAtomically(fallback, bytes); // a read-only shared data folder: keep it in the temp folder
  }
}

function writeAtomically(dest: string, bytes: Uint8Array): string {
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  const part = `${dest}.part-${process.pid}`;
  fs.writeFileSync(part, bytes);
  fs.renameSync(part, dest);
  return dest;
}
