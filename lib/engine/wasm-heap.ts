/**
 * What the kernels that copy on the wasm heap (wasm-gather.ts, wasm-slice.ts) use of
 * tfjs-backend-wasm's backend: its heap bytes, output allocation and where a tensor's data lies.
 */
// Straight from tfjs, not ../backend: backend.ts imports the engine.
import type * as tf from "@tensorflow/tfjs";

/** The part of tfjs-backend-wasm's BackendWasm these kernels use. */
export interface WasmBackend {
  wasm: { HEAPU8: Uint8Array };
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  getMemoryOffset(dataId: object): number;
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array | Int32Array | Uint8Array;
}

/** Bytes per element of the dtypes copied on the heap; others go to tfjs's own kernel. */
export const BYTES: Partial<Record<tf.DataType, number>> = { float32: 4, int32: 4, bool: 1 };
