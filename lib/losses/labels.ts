/** Checks class-index targets [N] with values in [0, C). */
import { tf } from "../backend";
import { asTensor, shapeStr, type TensorLike } from "../nn/check";

/**
 * Returns yTrue as int32 class indices [N].
 * @throws Error naming fn if yTrue is not [N] or holds a value outside [0, C)
 */
export function classIndices(fn: string, yTrue: TensorLike, n: number, c: number): tf.Tensor1D {
  const t = asTensor(fn, "yTrue", yTrue);
  if (t.rank !== 1 || t.shape[0] !== n) throw new Error(`${fn}: expected yTrue [${n}] (class indices), got ${shapeStr(t.shape)}`);
  const v = t.dataSync();
  const bad = Array.from(v).findIndex((k) => !Number.isInteger(k) || k < 0 || k >= c);
  if (bad >= 0) throw new Error(`${fn}: expected class indices in [0, ${c - 1}], got yTrue[${bad}] = ${v[bad]}`);
  return tf.cast(t, "int32") as tf.Tensor1D;
}
