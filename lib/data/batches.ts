/**
 * Mini-batches as row indices: pick rows, then gather them from tensors (`tf.gather`) or
 * densify them from a sparse matrix (`text.denseRows`).
 */
import { seededRng, type Rng } from "../core/random";

function checkSizes(fn: string, n: number, batchSize: number): void {
  if (!Number.isInteger(n) || n < 1) throw new Error(`${fn}: expected n (number of rows) an integer >= 1, got ${n}`);
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`${fn}: expected batchSize an integer >= 1, got ${batchSize}`);
}

/**
 * B row indices drawn uniformly with replacement, like the lecture's
 * `np.random.randint(0, n, batch_size)`: one training step's batch.
 *
 * @param n - number of rows N to draw from
 * @param batchSize - B
 * @param rng - seeded generator from {@link seededRng}
 * @returns an Int32Array [B] of indices in [0, N)
 * @throws Error if `n` or `batchSize` is not a positive integer
 * @example
 * const rng = seededRng(0);
 * const ix = randomBatch(5000, 256, rng); // Int32Array(256)
 */
export function randomBatch(n: number, batchSize: number, rng: Rng): Int32Array {
  checkSizes("randomBatch", n, batchSize);
  return Int32Array.from({ length: batchSize }, () => Math.floor(rng() * n));
}

/** Options for {@link epochBatches}. */
export interface EpochBatchesOptions {
  /** Rows per batch, B; the last batch may be smaller. Required. */
  batchSize: number;
  /** Shuffle rows before cutting them into batches. Default true. */
  shuffle?: boolean;
  /** Seed for the shuffle. Default 0. Use a different seed per epoch for a new order. */
  seed?: number;
}

/**
 * One epoch's batches: every row exactly once, in shuffled (or original) order.
 *
 * @param n - number of rows N
 * @param options - see {@link EpochBatchesOptions}
 * @returns ceil(N / B) Int32Arrays of row indices
 * @throws Error if `n` or `batchSize` is not a positive integer
 * @example
 * for (const ix of epochBatches(5000, { batchSize: 256, seed: epoch })) { ... }
 */
export function epochBatches(n: number, options: EpochBatchesOptions): Int32Array[] {
  checkSizes("epochBatches", n, options?.batchSize);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  if (options.shuffle ?? true) {
    const rng = seededRng(options.seed ?? 0);
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1)); // Fisher-Yates
      [order[i], order[j]] = [order[j], order[i]];
    }
  }
  const out: Int32Array[] = [];
  for (let start = 0; start < n; start += options.batchSize) out.push(order.slice(start, start + options.batchSize));
  return out;
}
