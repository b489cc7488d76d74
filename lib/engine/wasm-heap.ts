/**
 * What the kernels that copy or compute on the wasm heap (wasm-gather.ts, wasm-slice.ts,
 * fast-norm.ts, fused-cross-entropy.ts, ...) use of tfjs-backend-wasm's backend: its heap bytes,
 * output allocation and freeing, and where a tensor's data lies;
 * and, for lib code that computes in JS (lib/text/sparse-matmul.ts), tensor data read and written
 * in place on the heap.
 */
// Straight from tfjs, not ../backend: backend.ts imports the engine.
import type * as tf from "@tensorflow/tfjs";
import * as tfjs from "@tensorflow/tfjs";

/** The part of tfjs-backend-wasm's BackendWasm the engine's kernels that compute on its heap use. */
export interface WasmBackend {
  wasm: { HEAPU8: Uint8Array };
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  getMemoryOffset(dataId: object): number;
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array | Int32Array | Uint8Array;
  disposeData(dataId: object): boolean;
}

/** Bytes per element of the dtypes copied on the heap; others go to tfjs's own kernel. */
export const BYTES: Partial<Record<tf.DataType, number>> = { float32: 4, int32: 4, bool: 1 };

/** The wasm backend if it is the active one, else null. */
function activeWasm(): WasmBackend | null {
  return tfjs.getBackend() === "wasm" ? (tfjs.backend() as unknown as WasmBackend) : null;
}

/**
 * A float32 view of `t`'s data where it lies on the wasm heap, without the copy `dataSync` makes,
 * or null on other backends. Read it at once: any allocation may grow the heap and detach it.
 *
 * @param t - a float32 tensor
 * @returns the view, or null (then use `t.dataSync()`)
 * @example const w = heapView(weights) ?? weights.dataSync();
 */
export function heapView(t: tf.Tensor): Float32Array | null {
  const wasm = activeWasm();
  if (wasm == null || t.dtype !== "float32") return null;
  return wasm.typedArrayFromHeap({ dataId: t.dataId, shape: t.shape, dtype: t.dtype }) as Float32Array;
}

/**
 * A new float32 tensor whose data `fill` writes in place on the wasm heap (the view starts at
 * zeros), without a JS array and its upload; null on other backends.
 *
 * @param shape - the tensor's shape
 * @param fill - writes the data (must not allocate tensors while it holds the view)
 * @returns the tensor, or null (then build a Float32Array and `tf.tensor` it)
 * @example const dw = heapTensor([v, m], (view) => accumulate(view)) ?? tf.tensor(fallback(), [v, m]);
 */
export function heapTensor(shape: number[], fill: (view: Float32Array) => void): tf.Tensor | null {
  const wasm = activeWasm();
  if (wasm == null) return null;
  const info = wasm.makeOutput(shape, "float32");
  const view = wasm.typedArrayFromHeap(info) as Float32Array;
  view.fill(0);
  fill(view);
  return tfjs.engine().makeTensorFromDataId(info.dataId, shape, "float32");
}
