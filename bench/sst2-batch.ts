/**
 * The SST-2 batch built in JavaScript from the sparse BoW matrix, with the input dropout applied
 * while copying: only the non-zeros (~14 per text) need a keep/drop draw, since dropping a zero
 * changes nothing. Replaces tf.gather on the dense [5000, 1839] matrix (slow on wasm) and the
 * dropout layer's tf.randomUniform over all 256 x 1839 entries (a JS generator per element).
 * Same distribution as Dropout(p) on the dense batch.
 */
import { tf, data, text } from "dlcourse";

/**
 * Rows `ix` of `m` as a dense [B, V] tensor, each non-zero kept with probability 1 - p and
 * scaled by 1 / (1 - p) (inverted dropout); p = 0 is a plain gather.
 */
export function droppedRows(m: text.SparseMatrix, ix: Int32Array, p: number, rng: data.Rng): tf.Tensor2D {
  const v = m.shape[1];
  const out = new Float32Array(ix.length * v);
  const scale = 1 / (1 - p);
  for (let b = 0; b < ix.length; b++) {
    const r = ix[b];
    for (let k = m.indptr[r]; k < m.indptr[r + 1]; k++) {
      if (p === 0 || rng() >= p) out[b * v + m.indices[k]] = m.values[k] * scale;
    }
  }
  return tf.tensor2d(out, [ix.length, v]);
}
