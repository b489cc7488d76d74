/**
 * Swapping one of tfjs-backend-wasm's kernels for our own, reversibly: the mechanism behind
 * lib/wasm-matmul.ts, lib/wasm-gather.ts and lib/wasm-slice.ts. The replacement keeps the
 * original kernel at hand, both to delegate the cases it does not handle and so that tests and
 * bench/ can compare with tfjs's own kernel (uninstall, compute, install).
 */
// Straight from tfjs, not ./backend: backend.ts imports the files that use this one.
import * as tf from "@tensorflow/tfjs";

/** A kernel replacement, off until {@link KernelOverride.install}. */
export interface KernelOverride<F> {
  /** Registers the replacement; idempotent. Returns false if wasm has no such kernel. */
  install(): boolean;
  /** Restores tfjs's own kernel; idempotent. */
  uninstall(): void;
  /** Whether the replacement is registered. */
  installed(): boolean;
  /** tfjs's own kernel function (only while installed: the replacement calls it). */
  original(): F;
}

function register(kernelName: string, kernelFunc: unknown): void {
  const config = tf.getKernel(kernelName, "wasm")!;
  tf.unregisterKernel(kernelName, "wasm");
  tf.registerKernel({ ...config, kernelFunc: kernelFunc as tf.KernelFunc });
}

/**
 * Prepares the replacement of the wasm kernel `kernelName` by `replacement`.
 *
 * @param kernelName - tfjs's kernel name, e.g. "BatchMatMul", "GatherV2", "Slice"
 * @param replacement - the kernel function; may call `override.original()` for other cases
 * @returns the handle to install, uninstall and query it
 * @example
 * const override = overrideWasmKernel("Slice", fastSlice);
 * override.install();
 */
export function overrideWasmKernel<F>(kernelName: string, replacement: F): KernelOverride<F> {
  let original: F | null = null;
  return {
    install() {
      if (original != null) return true;
      const config = tf.getKernel(kernelName, "wasm");
      if (config == null) return false;
      original = config.kernelFunc as unknown as F;
      register(kernelName, replacement);
      return true;
    },
    uninstall() {
      if (original == null) return;
      register(kernelName, original);
      original = null;
    },
    installed: () => original != null,
    original() {
      if (original == null) throw new Error(`${kernelName}: the wasm kernel override is not installed`);
      return original;
    },
  };
}
