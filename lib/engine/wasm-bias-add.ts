/**
 * A faster Add for the wasm backend when one operand is a row [D] broadcast over the other's
 * rows [.., D]: a bias added to a layer's product, `tf.add(tf.matMul(x, w), b)`, as hand-written
 * layers (lib/nn/dense.ts, the lecture's loop) do it.
 *
 * tfjs-backend-wasm 4.22 sends every broadcasting Add through its generic loop, which computes each
 * element's source indices: 7.5 us for [300, 50] + [50]. Here the rows are added 4 columns at a
 * time (wasm SIMD, ./fused/simd.ts's row loop with a stride), the last D % 4 columns in JS; each
 * element is one float32 add, as before, so the same bits (tests/engine/wasm-bias-add.test.ts).
 * Other shapes and dtypes, and engines without wasm SIMD, go to tfjs's own kernel.
 */
// Straight from tfjs, not ../backend: backend.ts imports the engine.
import type * as tf from "@tensorflow/tfjs";
import { overrideWasmKernel } from "./kernel-override";
import { backendMemory, instantiateOn, simd, type WasmModuleMemory } from "./wasm-bytes";
import { simdModuleBytes, type SimdKernel } from "./fused/simd";
import type { WasmBackend } from "./wasm-heap";

type Info = tf.TensorInfo;
type Backend = WasmBackend & { wasm: WasmModuleMemory };
type KernelArgs = { inputs: { a: Info; b: Info }; backend: Backend; attrs?: unknown };
type KernelFn = (args: KernelArgs) => Info;

/** rowAdd(x, bias, out | rows, bytes, stride): out row = x row + bias over [0, bytes), rows `stride` bytes apart. */
const KERNELS: SimdKernel[] = [
  { name: "rowAdd", ptrs: 3, scalars: 0, rowPtrs: [0, 2], strided: true, body: ({ ld, st }) => st(2, [...ld(0), ...ld(1), ...simd(0xe4)]) },
];
const moduleBytes = (shared: boolean) => simdModuleBytes(KERNELS, shared);

/** [rows operand, row operand] when one is [D] and the other [.., D] of rank 2 or more, else null. */
function rowAndRows(a: Info, b: Info): [Info, Info] | null {
  if (a.dtype !== "float32" || b.dtype !== "float32") return null;
  const fits = (m: Info, r: Info) => r.shape.length === 1 && m.shape.length >= 2 && m.shape[m.shape.length - 1] === r.shape[0];
  return fits(a, b) ? [a, b] : fits(b, a) ? [b, a] : null;
}

function fastAdd(args: KernelArgs): Info {
  const { inputs: { a, b }, backend } = args;
  const pair = rowAndRows(a, b);
  const k = pair == null ? null : instantiateOn<{ rowAdd(...x: number[]): void }>(moduleBytes, backendMemory(backend.wasm));
  if (pair == null || k == null) return wasmBiasAdd.original()(args);
  const [x, bias] = pair;
  const d = bias.shape[0];
  const out = backend.makeOutput(x.shape.slice(), "float32");
  const rows = d === 0 ? 0 : x.shape.reduce((p, n) => p * n, 1) / d;
  const vec = d - (d % 4);
  const at = (t: Info) => backend.getMemoryOffset(t.dataId);
  if (vec > 0 && rows > 0) k.rowAdd(at(x), at(bias), at(out), rows, 4 * vec, 4 * d);
  // Views only after the allocation (it may grow the heap and detach earlier ones).
  if (vec < d) {
    const [xs, bs, os] = [x, bias, out].map((t) => backend.typedArrayFromHeap(t) as Float32Array);
    addTail(xs, bs, os, rows, d, vec);
  }
  return out;
}

/** Columns [from, d) of every row (a Float32Array store rounds the double sum as float32 does). */
function addTail(x: Float32Array, bias: Float32Array, out: Float32Array, rows: number, d: number, from: number): void {
  for (let r = 0, at = 0; r < rows; r++, at += d) {
    for (let j = from; j < d; j++) out[at + j] = x[at + j] + bias[j];
  }
}

/**
 * The replacement of the wasm backend's Add kernel, off until installed (`installEngine()` does).
 * @example
 * wasmBiasAdd.uninstall();  // tfjs's own kernel: the generic broadcasting loop
 * wasmBiasAdd.install();    // ours again
 */
export const wasmBiasAdd = overrideWasmKernel<KernelFn>("Add", fastAdd);
