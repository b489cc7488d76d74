/**
 * The one mechanism for replacing a piece of TensorFlow.js with our own, reversibly: a wasm
 * backend kernel (wasm-matmul.ts, wasm-gather.ts, wasm-slice.ts), a tfjs-core op (fast-dropout.ts,
 * fast-norm.ts) or an engine method (autodiff-clone.ts, lean-tape.ts). The replacement keeps the original at hand, both to delegate the cases it
 * does not handle and so that tests and bench/ can compare with tfjs's own (uninstall, compute,
 * install). `installEngine()` in ./index.ts installs every override; nothing else should.
 */
// Straight from tfjs, not ../backend: backend.ts imports the engine.
import * as tf from "@tensorflow/tfjs";

/** A replacement, off until {@link Override.install}. */
export interface Override<F> {
  /** What is replaced, e.g. "wasm BatchMatMul" (for messages and bench tables). */
  readonly name: string;
  /** Puts the replacement in place; idempotent. Returns false if there is nothing to replace. */
  install(): boolean;
  /** Restores tfjs's own; idempotent. */
  uninstall(): void;
  /** Whether the replacement is in place. */
  installed(): boolean;
  /** tfjs's own function (only while installed: the replacement calls it). */
  original(): F;
}

/** Where the replaced function lives: how to read it (undefined if absent) and how to put one there. */
export interface Slot<F> {
  read(): F | undefined;
  write(f: F): void;
}

/**
 * Prepares the replacement of the function in `slot` by `replacement`.
 *
 * @param name - what is replaced, for messages
 * @param slot - how to read and write the function being replaced
 * @param replacement - the new function; may call `override.original()` for the cases it leaves
 * @returns the handle to install, uninstall and query it
 * @example
 * const o = override("engine.clone", { read: () => engine.clone, write: (f) => (engine.clone = f) }, fastClone);
 */
export function override<F>(name: string, slot: Slot<F>, replacement: F): Override<F> {
  let original: F | null = null;
  return {
    name,
    install() {
      if (original != null) return true;
      const current = slot.read();
      if (current == null) return false;
      original = current;
      slot.write(replacement);
      return true;
    },
    uninstall() {
      if (original == null) return;
      slot.write(original);
      original = null;
    },
    installed: () => original != null,
    original() {
      if (original == null) throw new Error(`${name}: the override is not installed`);
      return original;
    },
  };
}

/**
 * Prepares the replacement of the wasm kernel `kernelName` by `replacement`.
 *
 * @param kernelName - tfjs's kernel name, e.g. "BatchMatMul", "GatherV2", "Slice"
 * @param replacement - the kernel function; may call `o.original()` for other cases
 * @returns the handle to install, uninstall and query it
 * @example
 * const wasmSlice = overrideWasmKernel("Slice", fastSlice);
 * wasmSlice.install();
 */
export function overrideWasmKernel<F>(kernelName: string, replacement: F): Override<F> {
  return override(`wasm ${kernelName}`, {
    read: () => tf.getKernel(kernelName, "wasm")?.kernelFunc as F | undefined,
    write: (f) => {
      const config = tf.getKernel(kernelName, "wasm")!;
      tf.unregisterKernel(kernelName, "wasm");
      tf.registerKernel({ ...config, kernelFunc: f as unknown as tf.KernelFunc });
    },
  }, replacement);
}

/**
 * Prepares the replacement of the tfjs engine's method `name`, set on the engine instance (over
 * its prototype's).
 *
 * @param name - the method, e.g. "clone", "gradients"
 * @param replacement - the new method, called with the engine as `this`; may call `o.original()`
 * @returns the handle to install, uninstall and query it
 * @example
 * const autodiffClone = overrideEngineMethod<Clone>("clone", aliasClone);
 */
export function overrideEngineMethod<F>(name: string, replacement: F): Override<F> {
  const engine = () => tf.engine() as unknown as Record<string, F | undefined>;
  return override(`engine.${name}`, {
    read: () => (typeof engine()[name] === "function" ? engine()[name] : undefined),
    write: (f) => (engine()[name] = f),
  }, replacement);
}

/** tfjs-core's module object: `tf.x` (and tfjs-layers) read each op from it at every call. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const core = require("@tensorflow/tfjs-core") as Record<string, unknown>;

/**
 * Prepares the replacement of the tfjs-core op `name` (what `tf.<name>` calls) by `replacement`.
 *
 * @param name - the op's export name, e.g. "dropout", "norm"
 * @param replacement - the new op; may call `o.original()` for the cases it leaves
 * @returns the handle to install, uninstall and query it
 * @example
 * const fastNormOp = overrideCoreOp<Norm>("norm", fastNorm);
 */
export function overrideCoreOp<F>(name: string, replacement: F): Override<F> {
  return override(`tf.${name}`, { read: () => core[name] as F | undefined, write: (f) => (core[name] = f) }, replacement);
}

/** A gradient function as tfjs's registry holds it. */
export type GradFunc = (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[], attrs: tf.NamedAttrMap) => Record<string, () => tf.Tensor>;

/**
 * Prepares the replacement of the autodiff gradient of the kernel `kernelName` (its registered
 * GradConfig's gradFunc; what it saves stays the same) by `replacement`.
 *
 * @param kernelName - tfjs's kernel name, e.g. "Relu", "AddN"
 * @param replacement - the new gradient; may call `o.original()` for the cases it leaves
 * @returns the handle to install, uninstall and query it
 * @example
 * const addNGrad = overrideGradient("AddN", (dy, saved) => ...);
 */
export function overrideGradient(kernelName: string, replacement: GradFunc): Override<GradFunc> {
  return override<GradFunc>(`${kernelName} gradient`, {
    read: () => tf.getGradient(kernelName)?.gradFunc as GradFunc | undefined,
    write: (f) => tf.registerGradient({ ...tf.getGradient(kernelName)!, gradFunc: f as tf.GradConfig["gradFunc"] }),
  }, replacement);
}

/**
 * How many gradient recordings are open (tfjs's engine state): 0 outside `tf.grad` and while a
 * first-order backward pass runs; > 0 where a replacement's work would have to be on the tape
 * (inside a recorded function, or a backward pass that is itself recorded).
 */
export const gradientDepth = (): number => (tf.engine() as unknown as { state: { gradientDepth: number } }).state.gradientDepth;
