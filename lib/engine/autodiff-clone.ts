/**
 * Kernel-free copies of the tensors tfjs autodiff saves for the backward pass.
 *
 * Why: while a gradient is being recorded, tfjs-core's engine keeps every tensor a kernel's
 * gradient needs (its inputs and/or outputs) as a copy made by `engine.clone`, which runs one
 * Identity kernel per saved tensor and records a tape node for it. On a small net every kernel's
 * fixed dispatch cost dominates: bench/README.md counted 46-61 of the ~224 kernels of one spiral
 * step and 88 of the 319 of an MNIST batch as these Identity kernels.
 *
 * A saved tensor only has to keep the data alive and unchanged; tensors are immutable and a
 * Variable's assign moves it to new data, so a second handle on the same data (a new tensor on
 * the same dataId with the backend's reference count raised, what the Identity kernel returns on
 * wasm and cpu anyway) is the same thing without the kernel. The tape node matters only when the
 * backward pass is itself recorded (a gradient of a gradient: `gradientDepth` > 1), so there the
 * original clone runs.
 */
// Straight from tfjs, not ../backend: backend.ts imports the engine.
import * as tf from "@tensorflow/tfjs";
import { overrideEngineMethod } from "./kernel-override";

type Clone = (x: tf.Tensor) => tf.Tensor;
interface EngineInternals {
  state: { gradientDepth: number };
}

/**
 * A new handle on `t`'s data without running a kernel: a tensor on the same dataId with the
 * backend's reference count raised (what the Identity kernel returns on wasm and cpu anyway).
 * Dispose it like any other tensor; the data lives until every handle is disposed. Not recorded
 * on the autodiff tape. Also what `nn`'s hand-written layers keep in their caches.
 *
 * @param t - any tensor of the active backend
 * @param shape - the new handle's shape (default t's), of t's size: what a Reshape kernel returns
 * @returns a tensor sharing t's data
 * @example const saved = aliasTensor(x);
 */
export function aliasTensor<T extends tf.Tensor>(t: T, shape: number[] = t.shape): T {
  const handle = tf.engine().makeTensorFromDataId(t.dataId, shape, t.dtype) as T;
  tf.backend().incRef(t.dataId);
  return handle;
}

function aliasClone(this: EngineInternals, x: tf.Tensor): tf.Tensor {
  if (this.state.gradientDepth > 1) return autodiffClone.original().call(this, x);
  return aliasTensor(x);
}

/**
 * The replacement of tfjs-core's `engine.clone` (used only to save tensors for the backward
 * pass) by {@link aliasClone}, off until installed; `installEngine()` installs it on wasm.
 * @example
 * autodiffClone.install();   // tf.grad / model.fit steps launch no Identity kernels for saved tensors
 */
export const autodiffClone = overrideEngineMethod<Clone>("clone", aliasClone);
