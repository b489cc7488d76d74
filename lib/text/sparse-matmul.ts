/**
 * Sparse-times-dense products for bag-of-words inputs: x W where x is a CSR batch.
 *
 * Row r of x W is the sum of W's rows at x's non-zero columns, weighted by their values (an
 * "embedding bag"): for SST-2, ~14 rows of W per text instead of a 1839-long dot product per
 * output. The cost is nnz * M multiply-adds instead of N * V * M, for the forward pass and for
 * the gradient with respect to W alike.
 */
import { tf } from "../backend";
import { heapView, heapTensor } from "../engine/wasm-heap";
import type { SparseMatrix } from "./sparse";

/**
 * Adds x W (`transpose` false: dst [N, M] += x src[V, M]) or x^T dY (`transpose` true:
 * dst [V, M] += x^T src[N, M]) into `dst`, for the M-wide blocks starting at the offsets.
 */
function accumulate(x: SparseMatrix, m: number, src: Float32Array, srcAt: number, dst: Float32Array, dstAt: number, transpose: boolean): void {
  for (let r = 0; r < x.shape[0]; r++) {
    for (let k = x.indptr[r]; k < x.indptr[r + 1]; k++) {
      const v = x.values[k];
      const from = srcAt + (transpose ? r : x.indices[k]) * m;
      const to = dstAt + (transpose ? x.indices[k] : r) * m;
      for (let j = 0; j < m; j++) dst[to + j] += v * src[from + j];
    }
  }
}

/** A zeroed Float32Array of `size` after `fill` wrote into it. */
function filled(size: number, fill: (into: Float32Array) => void): Float32Array {
  const out = new Float32Array(size);
  fill(out);
  return out;
}

function check(batches: readonly SparseMatrix[], w: tf.Tensor, batched: boolean): void {
  const where = "sparseMatMul";
  const wantRank = batched ? 3 : 2;
  if (!(w instanceof tf.Tensor) || w.rank !== wantRank) {
    const got = w instanceof tf.Tensor ? `[${w.shape}]` : typeof w;
    throw new Error(`${where}: expected w of rank ${wantRank} (${batched ? "[K, V, M] with an array of K sparse matrices" : "[V, M]"}), got ${got}`);
  }
  const v = w.shape[wantRank - 2];
  if (batched && batches.length !== w.shape[0]) throw new Error(`${where}: expected ${w.shape[0]} sparse matrices for w [${w.shape}], got ${batches.length}`);
  if (batches.length === 0) throw new Error(`${where}: expected at least one sparse matrix`);
  const n = batches[0].shape[0];
  batches.forEach((a, k) => {
    if (a?.shape?.[1] !== v) throw new Error(`${where}: expected x${batched ? `[${k}]` : ""} [N, ${v}] to match w [${w.shape}], got [${a?.shape}]`);
    if (a.shape[0] !== n) throw new Error(`${where}: expected every sparse matrix to have ${n} rows, got ${a.shape[0]} at ${k}`);
  });
}

/**
 * x W for a sparse x, differentiable with respect to W (x is data: it gets no gradient).
 * With an array of K sparse matrices and W [K, V, M], multiplies each x[k] by W[k], like
 * `tf.matMul` on a batch of matrices: K models trained side by side, each on its own batch.
 *
 * @param x - sparse [N, V] (e.g. from `sparseRows`), or an array of K of them with equal N
 * @param w - weights [V, M], or [K, V, M] with an array
 * @returns a float32 tensor [N, M], or [K, N, M]; gradients flow to `w` in `tf.grads`/`minimize`
 * @throws Error if `w`'s rank does not match the form of `x`, V differs, or the K row counts differ
 * @example
 * const h = sparseMatMul(sparseRows(trainBow, { rows: [0, 1] }), w1); // [2, 16] for w1 [1839, 16]
 * const hk = sparseMatMul([batchA, batchB], w1Stacked);                 // [2, N, 16] for [2, 1839, 16]
 */
export function sparseMatMul(x: SparseMatrix, w: tf.Tensor2D): tf.Tensor2D;
export function sparseMatMul(x: readonly SparseMatrix[], w: tf.Tensor3D): tf.Tensor3D;
export function sparseMatMul(x: SparseMatrix | readonly SparseMatrix[], w: tf.Tensor): tf.Tensor {
  const batched = Array.isArray(x);
  const batches: readonly SparseMatrix[] = batched ? (x as readonly SparseMatrix[]) : [x as SparseMatrix];
  check(batches, w, batched);
  const [v, m] = w.shape.slice(-2);
  const n = batches[0].shape[0];
  const outShape = batched ? [batches.length, n, m] : [n, m];
  const product = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const weights = args[0] as tf.Tensor;
    // On wasm the products read and write tensor data in place on the heap (W is [K, V, M]: a copy
    // out and a gradient array in were most of a step's time); the sums are the same either way.
    const forward = (out: Float32Array) => {
      const wv = heapView(weights) ?? (weights.dataSync() as Float32Array);
      batches.forEach((a, k) => accumulate(a, m, wv, k * v * m, out, k * n * m, false));
    };
    const value = heapTensor(outShape, forward) ?? tf.tensor(filled(batches.length * n * m, forward), outShape, "float32");
    return {
      value,
      gradFunc: (dy: tf.Tensor) => {
        const backward = (dw: Float32Array) => {
          const dyv = heapView(dy) ?? (dy.dataSync() as Float32Array);
          batches.forEach((a, k) => accumulate(a, m, dyv, k * n * m, dw, k * v * m, true));
        };
        return heapTensor(weights.shape, backward) ?? tf.tensor(filled(batches.length * v * m, backward), weights.shape, "float32");
      },
    };
  });
  return product(w);
}
