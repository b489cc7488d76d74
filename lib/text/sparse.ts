/**
 * Compressed sparse rows (CSR): bag-of-words matrices whose rows are mostly zeros. A 5000 x 1839
 * SST-2 matrix has ~1% non-zeros; storing only those lets large vocabularies fit, and batches
 * are densified on demand with {@link denseRows}.
 */
import { tf } from "../backend";

/**
 * An N x V matrix in CSR form: row r's non-zeros are `values[indptr[r] .. indptr[r+1])` at
 * columns `indices[...]` (ascending within a row).
 */
export interface SparseMatrix {
  /** [N, V]: rows (texts) and columns (vocabulary size). */
  readonly shape: [number, number];
  /** Row starts, length N + 1; `indptr[N]` is the number of non-zeros. */
  readonly indptr: Int32Array;
  /** Column of each non-zero. */
  readonly indices: Int32Array;
  /** Value of each non-zero. */
  readonly values: Float32Array;
}

/** Options for {@link denseRows}. */
export interface DenseRowsOptions {
  /** Rows to take, in this order (repeats allowed). Default: all rows. */
  rows?: ArrayLike<number>;
}

/**
 * Densifies some rows of a sparse matrix into a tensor: the batch a model trains on.
 *
 * @param matrix - the sparse N x V matrix
 * @param options - see {@link DenseRowsOptions}
 * @returns a float32 tensor [B, V], B = number of rows taken (N by default)
 * @throws RangeError if a row index is not an integer in [0, N)
 * @example
 * const x = denseRows(trainBow, { rows: [0, 7, 7] }); // [3, V]
 */
export function denseRows(matrix: SparseMatrix, options: DenseRowsOptions = {}): tf.Tensor2D {
  const [n, v] = matrix.shape;
  const rows = options.rows ?? Int32Array.from({ length: n }, (_, i) => i);
  const out = new Float32Array(rows.length * v);
  for (let b = 0; b < rows.length; b++) {
    const r = rows[b];
    if (!Number.isInteger(r) || r < 0 || r >= n) {
      throw new RangeError(`denseRows: expected row indices in [0, ${n}), got ${r} at position ${b}`);
    }
    for (let k = matrix.indptr[r]; k < matrix.indptr[r + 1]; k++) out[b * v + matrix.indices[k]] = matrix.values[k];
  }
  return tf.tensor2d(out, [rows.length, v], "float32");
}

/**
 * Builds a CSR matrix from per-row maps column -> value.
 *
 * @param rows - one map per row; zero values are skipped
 * @param columns - V, the number of columns
 * @returns the sparse matrix [rows.length, V]
 * @throws RangeError if a column is outside [0, V)
 */
export function sparseFromRows(rows: ReadonlyArray<ReadonlyMap<number, number>>, columns: number): SparseMatrix {
  const indptr = new Int32Array(rows.length + 1);
  const indices: number[] = [];
  const values: number[] = [];
  rows.forEach((row, r) => {
    const cols = [...row.keys()].sort((a, b) => a - b);
    for (const c of cols) {
      if (!(c >= 0 && c < columns)) throw new RangeError(`sparseFromRows: expected columns in [0, ${columns}), got ${c} in row ${r}`);
      const x = row.get(c) ?? 0;
      if (x === 0) continue;
      indices.push(c);
      values.push(x);
    }
    indptr[r + 1] = indices.length;
  });
  return { shape: [rows.length, columns], indptr, indices: Int32Array.from(indices), values: Float32Array.from(values) };
}
