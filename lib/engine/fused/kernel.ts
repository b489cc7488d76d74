/**
 * One-kernel optimizer updates for the wasm backend: the shared machinery.
 *
 * Why: written with tfjs ops, one Adam step is ~10 kernels per parameter (sub, mul, add, square,
 * sqrt, div, ...), and on small networks each kernel's fixed dispatch cost (engine scope and
 * bookkeeping, kernel lookup, wasm call) dominates the arithmetic: bench/README.md measured Adam
 * at ~100 of the 445 kernels of an MNIST batch. PyTorch fuses the same update into a few
 * `_foreach`/`lerp_`/`addcmul_` calls. A fused update is ONE kernel per parameter that reads the
 * inputs straight from the wasm heap and writes its outputs in one pass: 4 floats at a time in
 * the small WebAssembly SIMD module of ./simd.ts (instantiated on the backend's own memory), or
 * in a scalar JS loop for the forms that module lacks. A scalar loop is slower per element than
 * tfjs's SIMD kernels, so those forms are fused only up to {@link JS_LOOP_MAX} elements.
 * Measured (bench/, loaded 2-core machine): Adam on 784x256, 0.9 ms fused vs 5.8 ms composite;
 * on 32x32, 40 us vs 200 us.
 *
 * Contract: a kernel never writes into its inputs (a reshaped or cloned tensor shares its
 * dataId, so an in-place write would change tensors the caller still holds); it allocates new
 * outputs (new parameter, new state) and the optimizer assigns them to its variables.
 * Backends other than wasm (cpu, tensorflow) keep the composite tfjs ops: {@link runFused}
 * returns null there and the optimizer falls back. The updates plug into the optimizers through
 * lib/optim/update-hook.ts (registered by `installEngine()`); `optim.useFusedUpdates` switches them.
 */
// Straight from tfjs, not ../../backend: backend.ts imports the engine.
import * as tf from "@tensorflow/tfjs";
import { simdKernels, type SimdKernels } from "./simd";
import { backendMemory, type WasmMemory, type WasmModuleMemory } from "../wasm-bytes";

/** Where a fused update finds its data: byte offsets on the wasm heap and the SIMD kernels on it. */
export interface FusedHeap {
  /** Byte offsets of the inputs, then of the outputs. */
  ptrs: number[];
  /** ./simd.ts instantiated on the backend's memory; null without wasm SIMD. */
  simd: SimdKernels | null;
  /** The backend's memory, for kernels that instantiate a module of their own on it. */
  memory: WasmMemory;
}

/**
 * Computes one update: float32 views of the inputs and outputs (all of the parameter's length N),
 * the attributes, and the same data as heap offsets for the SIMD kernels.
 */
export type FusedCompute<A> = (inputs: Float32Array[], outputs: Float32Array[], attrs: A, heap: FusedHeap) => void;

/**
 * Attributes of an update with an optional momentum buffer (SGD, RMSprop): the optimizer's
 * options, the number of outputs, and whether a buffer is passed (else a momentum step starts it).
 */
export type BufferedAttrs<O> = Readonly<O> & { outputs: number; hasBuffer: boolean };

/** float32 rounding, as the state tensors store their values. */
export const fr = Math.fround;

/** The part of tfjs-backend-wasm's BackendWasm a fused kernel uses. */
interface WasmHeapBackend {
  makeOutput(shape: number[], dtype: "float32"): tf.TensorInfo;
  typedArrayFromHeap(t: tf.TensorInfo): Float32Array;
  dataIdMap: { get(id: object): { memoryOffset: number } };
  wasm: WasmModuleMemory;
}

/**
 * Largest parameter (elements) an update without a SIMD kernel (./simd.ts) takes through the
 * scalar JS loop; above it the composite ops' SIMD passes are faster (bench/: crossover 2-4k).
 */
export const JS_LOOP_MAX = 4096;

const BACKEND = "wasm";

/**
 * Registers `compute` as the wasm kernel `name`, computing on the heap: it allocates outputs of the
 * shapes `outShapes` gives and hands `compute` float32 views of the inputs (in the order of the
 * kernel's named inputs) and outputs. Idempotent (a second copy of the module: tests, hot reload).
 *
 * @param outShapes - the outputs' shapes, from the inputs and the attributes
 */
export function defineHeapKernel<A>(name: string, outShapes: (inputs: tf.TensorInfo[], attrs: A) => number[][], compute: FusedCompute<A>): void {
  if (tf.getKernel(name, BACKEND) != null) return;
  const kernelFunc = ({ inputs, backend, attrs }: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: unknown }) => {
    const wasm = backend as WasmHeapBackend;
    const a = attrs as A;
    const ins = Object.keys(inputs).map((k) => inputs[k]!);
    const outs = outShapes(ins, a).map((shape) => wasm.makeOutput(shape, "float32"));
    // Views only after every allocation: _malloc may grow the heap and detach older views.
    const ptrs = [...ins, ...outs].map((t) => wasm.dataIdMap.get(t.dataId).memoryOffset);
    const memory = backendMemory(wasm.wasm);
    const heap = { ptrs, simd: simdKernels(memory), memory };
    compute(ins.map((t) => wasm.typedArrayFromHeap(t)), outs.map((t) => wasm.typedArrayFromHeap(t)), a, heap);
    return outs;
  };
  tf.registerKernel({ kernelName: name, backendName: BACKEND, kernelFunc: kernelFunc as unknown as tf.KernelFunc });
}

/**
 * Registers `compute` as the wasm kernel `name`. Its inputs are passed as `x0, x1, ...` in the
 * order given to {@link runFused}; it returns `attrs.outputs` new float32 tensors shaped like x0.
 */
export function defineFused<A extends { outputs: number }>(name: string, compute: FusedCompute<A>): void {
  defineHeapKernel<A>(name, (ins, a) => Array.from({ length: a.outputs }, () => ins[0].shape.slice()), compute);
}

/**
 * Runs the fused kernel `name` on `inputs` (all float32, the same shape) if the active backend
 * has it.
 *
 * @param maxSize - largest parameter to fuse (elements); default no limit
 * @returns the kernel's new tensors, or null: the caller then uses its composite tfjs ops
 */
export function runFused<A extends { outputs: number }>(name: string, inputs: tf.Tensor[], attrs: A, maxSize = Infinity): tf.Tensor[] | null {
  if (tf.getBackend() !== BACKEND || tf.getKernel(name, BACKEND) == null) return null;
  const n = inputs[0].size;
  if (n > maxSize || inputs.some((t) => t.dtype !== "float32" || t.size !== n)) return null;
  const named: tf.NamedTensorMap = {};
  inputs.forEach((t, i) => (named[`x${i}`] = t));
  const out = tf.engine().runKernel(name, named, attrs as unknown as tf.NamedAttrMap);
  return Array.isArray(out) ? out : [out];
}
