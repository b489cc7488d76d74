/**
 * A faster Slice (`tf.slice`) for the wasm backend: contiguous runs copied on the wasm heap.
 *
 * tfjs-layers' `model.predict(x)` (and `evaluate`) cuts x into batches of `batchSize` (default 32)
 * rows with `tf.slice`. tfjs-backend-wasm 4.22's Slice starts with `backend.readSync(x.dataId)`,
 * which copies the WHOLE input off the heap into a new JS array before taking the few rows it needs,
 * even on its contiguous fast path: for [1920, 1839] float32 that is 14 MB per batch, 60 times per
 * predict. This kernel normalizes begin/size as tfjs does (`slice_util.parseSliceParams`, size -1
 * = to the end), allocates the output, and copies each contiguous run of the input (the innermost
 * partially-sliced axis and every whole axis after it) with one `copyWithin` on the heap bytes, or
 * an element loop when runs are shorter than {@link SHORT_RUN} elements. A row range of a
 * row-major tensor is one run, so one copy. string and complex64 go to tfjs's own kernel.
 *
 * Measured with bench/slice-speed.ts (2 cores, idle machine, load average < 1; medians of two
 * alternating runs each, float32):
 *   32 rows of [1920, 1839]:    tfjs 7.5-8.3 ms (10.9 ms in a first run), this 0.125 ms (60-65x)
 *   model.predict of [1920, 1839] on a 1839-16-1 dense MLP, default batchSize 32 (60 slices):
 *                               tfjs 581-584 ms, this 9.7-10.8 ms (55-60x)
 *   the same in one batch (batchSize 1920; predict still slices rows 0..1919 once):
 *                               tfjs 14.3-15.2 ms, this 5.7-5.8 ms (2.5x)
 *   tf.profile of one predict with this kernel: Slice 1.5 of 24.6 ms kernel time (with tfjs's: 239 of 327).
 */
// Straight from tfjs, not ../backend: backend.ts imports the engine.
import * as tf from "@tensorflow/tfjs";
import { overrideWasmKernel } from "./kernel-override";
import { BYTES, type WasmBackend } from "./wasm-heap";

type Info = tf.TensorInfo;
type KernelArgs = { inputs: { x: Info }; backend: WasmBackend; attrs: { begin: number | number[]; size?: number | number[] } };
type KernelFn = (args: KernelArgs) => Info;

/** Below this many elements per run an element loop beats one `copyWithin` call (as for Gather). */
export const SHORT_RUN = 16;


/**
 * The layout of a slice as contiguous runs: `axis` is the innermost axis whose size is cut (-1 if
 * none), each run holds `run` elements, and there is one run per index of the axes before `axis`.
 */
function runsOf(shape: number[], size: number[]): { axis: number; run: number } {
  let axis = shape.length - 1;
  let whole = 1;
  while (axis >= 0 && size[axis] === shape[axis]) whole *= shape[axis--];
  return { axis, run: axis < 0 ? whole : size[axis] * whole };
}

function fastSlice(args: KernelArgs): Info {
  const { inputs, backend, attrs } = args;
  const { x } = inputs;
  const bytes = BYTES[x.dtype];
  if (bytes == null) return wasmSlice.original()(args);
  const [begin, size] = tf.slice_util.parseSliceParams(x as tf.Tensor, attrs.begin, attrs.size);
  const out = backend.makeOutput(size, x.dtype);
  const total = tf.util.sizeFromShape(size);
  if (total === 0) return out;
  const strides = tf.util.computeStrides(x.shape);
  const { axis, run } = runsOf(x.shape, size);
  const count = total / run;
  const outer = size.slice(0, Math.max(axis, 0));
  // makeOutput may have grown the heap, which detaches every view taken before it: take them now.
  const xs = run < SHORT_RUN ? backend.typedArrayFromHeap(x) : null;
  const os = run < SHORT_RUN ? backend.typedArrayFromHeap(out) : null;
  const heap = backend.wasm.HEAPU8;
  const xAt = backend.getMemoryOffset(x.dataId);
  const outAt = backend.getMemoryOffset(out.dataId);
  for (let r = 0; r < count; r++) {
    // Element offset of run r: its index over the outer axes (row-major), shifted by begin.
    let from = axis < 0 ? 0 : begin[axis] * (strides[axis] ?? 1);
    for (let d = outer.length - 1, rest = r; d >= 0; d--) {
      from += (begin[d] + (rest % outer[d])) * strides[d];
      rest = Math.floor(rest / outer[d]);
    }
    if (xs != null && os != null) {
      for (let e = 0, to = r * run; e < run; e++) os[to + e] = xs[from + e];
    } else {
      const src = xAt + from * bytes;
      heap.copyWithin(outAt + r * run * bytes, src, src + run * bytes);
    }
  }
  return out;
}

/**
 * The replacement of the wasm backend's Slice kernel by {@link fastSlice}, off until installed.
 * `installEngine()` (./index.ts, called by `ready()` on wasm) installs it; `uninstall()` restores
 * tfjs's own, e.g. to compare in tests and bench/.
 * @example
 * wasmSlice.uninstall();  // tfjs's own kernel
 * wasmSlice.install();    // ours again
 */
export const wasmSlice = overrideWasmKernel<KernelFn>("Slice", fastSlice);
