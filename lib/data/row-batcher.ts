/** Mini-batches cut from a data set held in JS memory (cheaper than tf.gather on wasm for small batches). */
import { tf } from "../backend";

/** Cuts batches of rows from features x [N, D] and int32 labels y [N]. */
export type RowBatcher = (rows: ArrayLike<number>) => [tf.Tensor2D, tf.Tensor1D];

/**
 * A function that copies the given rows of x and y into a new batch. The data are read out of the
 * tensors once; each call copies the rows in JS, which for batches of a few dozen rows is several
 * times cheaper than `tf.gather` on the wasm backend. The caller disposes the returned tensors.
 * @param x features [N, D]
 * @param y labels [N] (int32, as `data.loadMnist` returns them)
 * @returns `(rows) => [xb [B, D], yb [B]]` for B row indices in 0..N-1
 * @throws Error naming data.rowBatcher if x is not 2-D, y is not 1-D with N entries, or (from the
 *   returned function) a row index is out of range
 * @example
 * const trainBatch = data.rowBatcher(mnist.train.x, mnist.train.y);
 * const [xb, yb] = trainBatch(ix); // ix from data.epochBatches
 */
export function rowBatcher(x: tf.Tensor2D, y: tf.Tensor1D): RowBatcher {
  if (x.rank !== 2) throw new Error(`data.rowBatcher: expected x as a 2-D tensor [N, D], got [${x.shape.join(", ")}]`);
  if (y.rank !== 1 || y.shape[0] !== x.shape[0]) {
    throw new Error(`data.rowBatcher: expected y as a 1-D tensor [${x.shape[0]}] (one label per row of x), got [${y.shape.join(", ")}]`);
  }
  const [n, d] = x.shape;
  const [pixels, labels] = [x.dataSync(), y.dataSync()];
  return (rows) => {
    const xb = new Float32Array(rows.length * d);
    const yb = new Int32Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      if (!Number.isInteger(row) || row < 0 || row >= n) throw new Error(`data.rowBatcher: row index ${row} is outside 0..${n - 1}`);
      xb.set(pixels.subarray(row * d, (row + 1) * d), i * d);
      yb[i] = labels[row];
    }
    return [tf.tensor2d(xb, [rows.length, d]), tf.tensor1d(yb, "int32")];
  };
}
