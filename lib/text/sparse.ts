/**
 * Compressed sparse rows (CSR): bag-of-words matrices whose rows are mostly zeros. A 5000 x 1839
 * SST-2 matrix has ~1% non-zeros; storing only those lets large vocabularies fit. Batches are
 * taken with {@link sparseRows} (optionally with input dropout) and densified with {@link denseRows},
 * or multiplied by a weight matrix directly with `sparseMatMul`.
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

/**
 * Inverted dropout on the non-zeros: each is kept with probability 1 - rate and scaled by
 * 1 / (1 - rate), or dropped. Dropping a zero changes nothing, so this has the distribution of
 * dropout on the dense rows at one random draw per non-zero (~14 per SST-2 text, not 1839).
 */
export interface SparseDropout {
  /** p, the probability to drop a non-zero, in [0, 1). 0 keeps everything and draws nothing. */
  rate: number;
  /** Uniform floats in [0, 1), e.g. `data.seededRng(seed)`; a non-zero is kept when `random() >= rate`. */
  random: () => number;
}

/** Options for {@link sparseRows} and {@link denseRows}. */
export interface DenseRowsOptions {
  /** Rows to take, in this order (repeats allowed). Default: all rows. */
  rows?: ArrayLike<number>;
  /**
   * Training-time input dropout. Draws are taken row by row as listed, each row's non-zeros by
   * ascending column, so a seeded `random` gives the same batch on every run. Default: none.
   */
  dropout?: SparseDropout;
}

function checkDropout(fn: string, dropout: SparseDropout | undefined): void {
  if (dropout == null) return;
  const { rate, random } = dropout;
  if (!(typeof rate === "number" && rate >= 0 && rate < 1)) {
    throw new RangeError(`${fn}: expected dropout.rate (drop probability) in [0, 1), got ${rate}`);
  }
  if (typeof random !== "function") {
    throw new TypeError(`${fn}: expected dropout.random to be a function giving floats in [0, 1) (e.g. data.seededRng(0)), got ${typeof random}`);
  }
}

function takeRows(fn: string, matrix: SparseMatrix, options: DenseRowsOptions): SparseMatrix {
  const [n, v] = matrix.shape;
  const rows = options.rows ?? Int32Array.from({ length: n }, (_, i) => i);
  checkDropout(fn, options.dropout);
  const rate = options.dropout?.rate ?? 0;
  const random = options.dropout?.random;
  const scale = 1 / (1 - rate);
  let capacity = 0;
  for (let b = 0; b < rows.length; b++) {
    const r = rows[b];
    if (!Number.isInteger(r) || r < 0 || r >= n) throw new RangeError(`${fn}: expected row indices in [0, ${n}), got ${r} at position ${b}`);
    capacity += matrix.indptr[r + 1] - matrix.indptr[r];
  }
  const indptr = new Int32Array(rows.length + 1);
  const indices = new Int32Array(capacity);
  const values = new Float32Array(capacity);
  let nnz = 0;
  for (let b = 0; b < rows.length; b++) {
    for (let k = matrix.indptr[rows[b]]; k < matrix.indptr[rows[b] + 1]; k++) {
      if (rate !== 0 && random!() < rate) continue;
      indices[nnz] = matrix.indices[k];
      values[nnz++] = rate === 0 ? matrix.values[k] : matrix.values[k] * scale;
    }
    indptr[b + 1] = nnz;
  }
  return { shape: [rows.length, v], indptr, indices: indices.slice(0, nnz), values: values.slice(0, nnz) };
}

/**
 * Some rows of a sparse matrix, still sparse: a batch for `sparseMatMul`, with input dropout if asked.
 *
 * @param matrix - the sparse N x V matrix
 * @param options - rows and dropout, see {@link DenseRowsOptions}
 * @returns a {@link SparseMatrix} [B, V], B = number of rows taken (N by default); dropped
 *   non-zeros are left out, kept ones are scaled by 1 / (1 - rate)
 * @throws RangeError if a row index is not an integer in [0, N), or `dropout.rate` is not in [0, 1)
 * @throws TypeError if `dropout.random` is not a function
 * @example
 * const rng = data.seededRng(0);
 * const batch = sparseRows(trainBow, { rows: data.randomBatch(5000, 256, rng), dropout: { rate: 0.5, random: rng } });
 */
export function sparseRows(matrix: SparseMatrix, options: DenseRowsOptions = {}): SparseMatrix {
  return takeRows("sparseRows", matrix, options);
}

/**
 * Densifies some rows of a sparse matrix into a tensor: the batch a model trains on.
 *
 * @param matrix - the sparse N x V matrix
 * @param options - rows and dropout, see {@link DenseRowsOptions}
 * @returns a float32 tensor [B, V], B = number of rows taken (N by default); dispose it when done
 * @throws RangeError if a row index is not an integer in [0, N), or `dropout.rate` is not in [0, 1)
 * @throws TypeError if `dropout.random` is not a function
 * @example
 * const x = denseRows(trainBow, { rows: [0, 7, 7] }); // [3, V]
 * const xb = denseRows(trainBow, { rows: [0, 7], dropout: { rate: 0.5, random: data.seededRng(1) } });
 */
export function denseRows(matrix: SparseMatrix, options: DenseRowsOptions = {}): tf.Tensor2D {
  const m = options.dropout == null && options.rows == null ? matrix : takeRows("denseRows", matrix, options);
  const [b, v] = m.shape;
  const out = new Float32Array(b * v);
  for (let r = 0; r < b; r++) {
    for (let k = m.indptr[r]; k < m.indptr[r + 1]; k++) out[r * v + m.indices[k]] = m.values[k];
  }
  return tf.tensor2d(out, [b, v], "float32");
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
