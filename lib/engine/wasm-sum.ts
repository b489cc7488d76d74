/**
 * A faster Sum (`tf.sum`) for the wasm backend over leading axes: a bias's gradient, the sum of
 * dY [N, M] over the batch, in every dense layer's backward pass.
 *
 * tfjs-backend-wasm 4.22 reduces only innermost axes: for axis 0 it first transposes the whole
 * input with its Transpose kernel, then adds each (now contiguous) column from row 0 in float32.
 * This kernel adds the rows in place, 4 columns at a time (wasm SIMD, ./fused/simd.ts's row loop),
 * the last D % 4 columns in a second run over the last 4 (until round 12 in JS): every column
 * still starts at 0 and adds its rows in order, each
 * add rounded to float32, so the same bits (tests/engine/wasm-sum.test.ts). Measured on the
 * spiral's [300, 50] bias gradient, called back to back: 12.6-13.2 us with the transpose, 5.0-5.2 us
 * without (in a training step 15.5 us before).
 * Rows narrower than 4 (a last layer's bias with C < 4 classes) are added in JS alone. (An empty
 * input sums to zeros here; tfjs's kernel leaves its output unwritten.) Other dtypes, axes that
 * are not a leading run, a reduction of every axis, and engines without wasm SIMD go to tfjs's kernel.
 */
// Straight from tfjs, not ../backend: backend.ts imports the engine.
import * as tf from "@tensorflow/tfjs";
import { overrideWasmKernel } from "./kernel-override";
import { backendMemory, instantiateOn, simd, type WasmHeapModule } from "./wasm-bytes";
import { simdModuleBytes, type SimdKernel } from "./fused/simd";
import type { WasmBackend } from "./wasm-heap";

type Info = tf.TensorInfo;
type Backend = WasmBackend & { wasm: WasmHeapModule };
type KernelArgs = { inputs: { x: Info }; backend: Backend; attrs: { axis: number | number[]; keepDims: boolean } };
type KernelFn = (args: KernelArgs) => Info;

/** colSum(x, acc | rows, bytes, stride): acc[0 .. bytes) += each row of x, rows `stride` bytes apart. */
const KERNELS: SimdKernel[] = [
  { name: "colSum", ptrs: 2, scalars: 0, rowPtrs: [0], strided: true, body: ({ ld, st }) => st(1, [...ld(1), ...ld(0), ...simd(0xe4)]) },
];
const moduleBytes = (shared: boolean) => simdModuleBytes(KERNELS, shared);

/**
 * The leading run of reduced axes as [rows, columns, number of axes], or null if the axes are not
 * one. In the order given: tfjs transposes the reduced axes inward in that order, which fixes the
 * order of the adds.
 */
function leadingRun(shape: number[], axis: number | number[]): [number, number, number] | null {
  const axes = tf.util.parseAxisParam(axis, shape);
  if (axes.length === 0 || axes.length === shape.length || axes.some((a, i) => a !== i)) return null;
  return [tf.util.sizeFromShape(shape.slice(0, axes.length)), tf.util.sizeFromShape(shape.slice(axes.length)), axes.length];
}

function fastSum(args: KernelArgs): Info {
  const { inputs: { x }, backend, attrs } = args;
  const run = x.dtype === "float32" ? leadingRun(x.shape, attrs.axis) : null;
  const colSum = run != null ? instantiateOn<{ colSum(...a: number[]): void }>(moduleBytes, backendMemory(backend.wasm)) : null;
  if (run == null || colSum == null) return wasmSum.original()(args);
  const [rows, d, lead] = run;
  const shape = attrs.keepDims ? x.shape.map((s, i) => (i < lead ? 1 : s)) : x.shape.slice(lead);
  const out = backend.makeOutput(shape, "float32");
  // Views only after the allocation (it may grow the heap and detach earlier ones).
  const acc = backend.typedArrayFromHeap(out) as Float32Array;
  acc.fill(0);
  const vec = d - (d % 4);
  const [px, pout] = [backend.getMemoryOffset(x.dataId), backend.getMemoryOffset(out.dataId)];
  if (vec > 0) colSum.colSum(px, pout, rows, 4 * vec, 4 * d);
  if (vec < d && d >= 4) lastColumns(backend, colSum, px, pout, rows, d);
  else if (vec < d) sumTail(backend.typedArrayFromHeap(x) as Float32Array, acc, rows, d, vec);
  return out;
}

/**
 * The last d % 4 column sums (d >= 4) in the same vector loop: columns [d - 4, d) summed into a
 * scratch of 4 floats, of which the last d % 4 are copied out (lanes are independent columns).
 */
function lastColumns(backend: Backend, k: { colSum(...a: number[]): void }, px: number, pout: number, rows: number, d: number): void {
  const scratch = backend.wasm._malloc(16);
  const heap = () => new Float32Array(backendMemory(backend.wasm).buffer);
  heap().fill(0, scratch >> 2, (scratch >> 2) + 4);
  k.colSum(px + 4 * (d - 4), scratch, rows, 16, 4 * d);
  const tail = d % 4, f = heap();
  f.copyWithin((pout >> 2) + d - tail, (scratch >> 2) + 4 - tail, (scratch >> 2) + 4);
  backend.wasm._free(scratch);
}

/** Columns [from, d) of the column sums, row by row (the Float32Array rounds each add). */
function sumTail(x: Float32Array, acc: Float32Array, rows: number, d: number, from: number): void {
  for (let r = 0, at = 0; r < rows; r++, at += d) {
    for (let j = from; j < d; j++) acc[j] += x[at + j];
  }
}

/**
 * The replacement of the wasm backend's Sum kernel, off until installed (`installEngine()` does).
 * @example
 * wasmSum.uninstall();  // tfjs's own kernel: transpose, then sum
 * wasmSum.install();    // ours again
 */
export const wasmSum = overrideWasmKernel<KernelFn>("Sum", fastSum);
