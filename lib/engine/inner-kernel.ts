/**
 * Calling tfjs's own wasm kernels from inside one of ours, without the engine in between.
 *
 * Why: a kernel of ours that replaces a chain of tfjs ops (fused-cross-entropy.ts, fast-norm.ts)
 * must give the chain's bits, and some links are C library functions (`expf`, `logf`, `powf`)
 * that JS cannot reproduce. Calling tfjs's kernel for those links keeps their bits; what is saved
 * is the engine's bookkeeping per op (scope, tape, tensor tracking: a few us each), as the wasm
 * backend's own kernels do when they call one another. The temporaries are backend buffers, freed
 * by the caller with {@link freeInner}.
 */
// Straight from tfjs, not ../backend: backend.ts imports the engine.
import * as tf from "@tensorflow/tfjs";

type Info = tf.TensorInfo;

/** The part of tfjs-backend-wasm's BackendWasm that kernels calling kernels use. */
export interface InnerBackend {
  makeOutput(shape: number[], dtype: "float32"): Info;
  typedArrayFromHeap(info: Info): Float32Array;
  disposeData(dataId: object): boolean;
}

/**
 * Runs tfjs's wasm kernel `name` (as registered now) on backend buffers.
 * @param backend - the wasm backend a kernel of ours was given
 * @param name - the kernel, e.g. "Exp"
 * @param inputs - its named inputs, e.g. `{ x }`
 * @param attrs - its attributes, as its op passes them
 * @returns the kernel's output buffer (a view of it must be taken after the call: the heap may have grown)
 * @throws Error if the kernel is not registered on wasm
 * @example const e = innerKernel(backend, "Exp", { x: shifted });
 */
export function innerKernel(backend: InnerBackend, name: string, inputs: Record<string, Info>, attrs: tf.NamedAttrMap = {}): Info {
  const kernel = tf.getKernel(name, "wasm");
  if (kernel == null) throw new Error(`innerKernel: expected the wasm kernel ${name} to be registered, got none`);
  return kernel.kernelFunc({ inputs, backend: backend as never, attrs }) as Info;
}

/** Frees temporary buffers made by {@link innerKernel} or `makeOutput`. */
export function freeInner(backend: InnerBackend, buffers: Info[]): void {
  for (const b of buffers) backend.disposeData(b.dataId);
}
