/** Checks class-index targets [N] with values in [0, C). */
import { tf } from "../backend";
import { asTensor, shapeStr, type TensorLike } from "../core/check";

/**
 * Label data already checked, by tfjs dataId (a tensor's data never changes under its dataId;
 * Variable.assign moves the variable to a new one), with the class count C it was checked for.
 * The check reads the labels back (a synchronous download); a training loop that passes the same
 * label tensor every step (full-batch training) pays it once instead of once per step.
 */
const checked = new WeakMap<object, number>();

/**
 * Returns yTrue as int32 class indices [N] (yTrue itself if it is int32 already).
 * @throws Error naming fn if yTrue is not [N] or holds a value outside [0, C)
 */
export function classIndices(fn: string, yTrue: TensorLike, n: number, c: number): tf.Tensor1D {
  const t = asTensor(fn, "yTrue", yTrue);
  if (t.rank !== 1 || t.shape[0] !== n) throw new Error(`${fn}: expected yTrue [${n}] (class indices), got ${shapeStr(t.shape)}`);
  if ((checked.get(t.dataId) ?? Infinity) > c) {
    const v = t.dataSync();
    const bad = Array.from(v).findIndex((k) => !Number.isInteger(k) || k < 0 || k >= c);
    if (bad >= 0) throw new Error(`${fn}: expected class indices in [0, ${c - 1}], got yTrue[${bad}] = ${v[bad]}`);
    checked.set(t.dataId, c);
  }
  return (t.dtype === "int32" ? t : tf.cast(t, "int32")) as tf.Tensor1D;
}
