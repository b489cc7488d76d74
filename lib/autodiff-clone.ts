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
// Straight from tfjs, not ./backend: backend.ts imports this file.
import * as tf from "@tensorflow/tfjs";

type Clone = (x: tf.Tensor) => tf.Tensor;
interface EngineInternals {
  clone: Clone;
  state: { gradientDepth: number };
}

let original: Clone | null = null;

function aliasClone(this: EngineInternals, x: tf.Tensor): tf.Tensor {
  if (this.state.gradientDepth > 1) return original!.call(this, x);
  const handle = tf.engine().makeTensorFromDataId(x.dataId, x.shape, x.dtype);
  tf.backend().incRef(x.dataId);
  return handle;
}

/**
 * Replaces tfjs-core's `engine.clone` (used only to save tensors for the backward pass) by
 * {@link aliasClone}; idempotent. `ready()` calls it when it selects wasm.
 *
 * @returns true (the engine always has `clone` in tfjs 4.x); false if this tfjs has none
 * @example
 * installAutodiffClone();   // tf.grad / model.fit steps launch no Identity kernels for saved tensors
 */
export function installAutodiffClone(): boolean {
  const engine = tf.engine() as unknown as EngineInternals;
  if (original != null) return true;
  if (typeof engine.clone !== "function") return false;
  original = engine.clone;
  engine.clone = aliasClone;
  return true;
}

/** Whether {@link installAutodiffClone} is in effect. */
export function autodiffCloneInstalled(): boolean {
  return original != null;
}

/** Restores tfjs's own `engine.clone` (for comparisons); idempotent. */
export function uninstallAutodiffClone(): void {
  if (original == null) return;
  (tf.engine() as unknown as EngineInternals).clone = original;
  original = null;
}
