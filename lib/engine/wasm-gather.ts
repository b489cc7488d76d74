/**
 * A faster GatherV2 (`tf.gather`) for the wasm backend: row copies on the wasm heap.
 *
 * tfjs-layers' `model.fit` cuts every training and validation batch out of the whole dense input
 * with `tf.gather(x, indices)` (axis 0). tfjs-backend-wasm 4.22 does that with a C++ loop that
 * computes strided offsets element by element, plus two Reshape kernels and a copy of the indices
 * out of the heap; yet a batch is N contiguous rows. This kernel checks the
 * indices as tfjs does, allocates the output, and copies each slice x[o, i, :] (o over the axes
 * before `axis`, i = indices[j], the rest of the row contiguous) with one `copyWithin` on the heap
 * bytes, or an element loop when slices are shorter than {@link SHORT_SLICE} elements.
 * batchDims != 0 and string tensors go to tfjs's own kernel. The output is the same bytes.
 *
 * Measured with bench/gather-speed.ts (2 cores shared with other jobs, load average 2;
 * median of 20 gathers of distinct rows in scattered order, float32; at load 5 tfjs took 2.8 and
 * 37 ms, this 0.12 and 0.75 ms):
 *   64 rows of [10000, 784]:    tfjs 1.43-1.52 ms, this 0.05-0.06 ms (25-30x)
 *   256 rows of [5000, 1839]:   tfjs 15.0-15.7 ms, this 0.68-0.73 ms (20-23x)
 *   one model.fit epoch, notebook 14's SST-2 bag-of-words MLP (V = 1839, 16 hidden, batch 64,
 *   dev set as validation): tfjs 0.53-0.63 s, this 0.23-0.26 s (2.4x), the same loss to the bit.
 *   Whole notebook 14 (scripts/run_notebooks.py): 23-24 s before, 16 s after, same outputs.
 */
// Straight from tfjs, not ../backend: backend.ts imports the engine.
import * as tf from "@tensorflow/tfjs";
import { overrideWasmKernel } from "./kernel-override";
import { BYTES, type WasmBackend } from "./wasm-heap";

type Info = tf.TensorInfo;
type KernelArgs = { inputs: { x: Info; indices: Info }; backend: WasmBackend; attrs: { axis: number; batchDims: number } };
type KernelFn = (args: KernelArgs) => Info;

/** Below this many elements per slice an element loop beats one `copyWithin` call (crossover measured at 8-16). */
export const SHORT_SLICE = 16;


const product = (dims: readonly number[]) => dims.reduce((p, d) => p * d, 1);

/** Throws tfjs's own GatherV2 message for the first index outside [0, dimSize - 1]. */
function checkIndices(indices: Int32Array, dimSize: number): void {
  for (let j = 0; j < indices.length; j++) {
    const index = indices[j];
    if (!(index >= 0 && index <= dimSize - 1)) {
      throw new Error(`GatherV2: the index value ${index} is not in [0, ${dimSize - 1}]`);
    }
  }
}

function fastGatherV2(args: KernelArgs): Info {
  const { inputs, backend, attrs } = args;
  const { x, indices } = inputs;
  const bytes = BYTES[x.dtype];
  if ((attrs.batchDims ?? 0) !== 0 || bytes == null || indices.dtype !== "int32") return wasmGather.original()(args);
  const axis = tf.util.parseAxisParam(attrs.axis, x.shape)[0];
  const dimSize = x.shape[axis];
  checkIndices(backend.typedArrayFromHeap(indices) as Int32Array, dimSize);
  const outer = product(x.shape.slice(0, axis));
  const slice = product(x.shape.slice(axis + 1));
  const outShape = [...x.shape.slice(0, axis), ...indices.shape, ...x.shape.slice(axis + 1)];
  const out = backend.makeOutput(outShape, x.dtype);
  // makeOutput may have grown the heap, which detaches every view taken before it.
  const idx = backend.typedArrayFromHeap(indices) as Int32Array;
  const n = idx.length;
  if (slice < SHORT_SLICE) {
    const xs = backend.typedArrayFromHeap(x);
    const os = backend.typedArrayFromHeap(out);
    for (let o = 0, k = 0; o < outer; o++) {
      const base = o * dimSize * slice;
      for (let j = 0; j < n; j++) {
        const from = base + idx[j] * slice;
        for (let e = 0; e < slice; e++) os[k++] = xs[from + e];
      }
    }
    return out;
  }
  const heap = backend.wasm.HEAPU8;
  const xAt = backend.getMemoryOffset(x.dataId);
  const outAt = backend.getMemoryOffset(out.dataId);
  const sliceBytes = slice * bytes;
  for (let o = 0, to = outAt; o < outer; o++) {
    const base = xAt + o * dimSize * sliceBytes;
    for (let j = 0; j < n; j++, to += sliceBytes) {
      const from = base + idx[j] * sliceBytes;
      heap.copyWithin(to, from, from + sliceBytes);
    }
  }
  return out;
}

/**
 * The replacement of the wasm backend's GatherV2 kernel by {@link fastGatherV2}, off until installed.
 * `installEngine()` (./index.ts, called by `ready()` on wasm) installs it; `uninstall()` restores
 * tfjs's own, e.g. to compare in tests and bench/.
 * @example
 * wasmGather.uninstall();  // tfjs's own kernel
 * wasmGather.install();    // ours again
 */
export const wasmGather = overrideWasmKernel<KernelFn>("GatherV2", fastGatherV2);
