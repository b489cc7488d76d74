/**
 * Faster wasm Add, Sub and Multiply when one float32 operand is broadcast along rows: a bias
 * [N] added to activations [M, N] (`tf.add(tf.matMul(x, w), b)`, every dense layer a student
 * writes), or a scalar (`tf.mul(x, 0.01)`).
 *
 * tfjs-backend-wasm 4.22 computes a broadcast by mapping every output index back to each
 * operand's index, per element: [300, 50] + [50] took 14.6 us where [300, 50] + [300, 50] took
 * 5.1 us (bench/README "Round 11"). Here the row operand stays in registers while the other
 * operand's rows stream past, 4 floats at a time (./fused/simd.ts's row loop); the last N % 4
 * columns are done in JS. Each output is the same single float32 operation on the same two
 * operands in the same order as tfjs's (a Float32Array store rounds a double sum, difference or
 * product of two float32 values to the float32 result), so the same bits
 * (tests/engine/wasm-broadcast.test.ts). Other dtypes and shapes, and engines without wasm SIMD,
 * go to tfjs's kernel.
 */
// Straight from tfjs, not ../backend: backend.ts imports the engine.
import * as tf from "@tensorflow/tfjs";
import { overrideWasmKernel, type Override } from "./kernel-override";
import { backendMemory, instantiateOn, simd, type WasmModuleMemory } from "./wasm-bytes";
import { simdModuleBytes, type SimdKernel } from "./fused/simd";
import type { WasmBackend } from "./wasm-heap";

type Info = tf.TensorInfo;
type Backend = WasmBackend & { wasm: WasmModuleMemory };
type KernelArgs = { inputs: { a: Info; b: Info }; backend: Backend; attrs?: tf.NamedAttrMap };
type KernelFn = (args: KernelArgs) => Info;
type Op = "add" | "sub" | "mul";

const OPCODE: Record<Op, number> = { add: 0xe4, sub: 0xe5, mul: 0xe6 };
const OPS = Object.keys(OPCODE) as Op[];

/**
 * Per op: `<op>Rows(a, b, out | rows, bytes, stride)` with b the row (out = a op b), and
 * `<op>RowsB(a, b, out | ...)` with a the row (out = a op b, b's rows advancing);
 * `<op>Scalar(x, out | bytes; s)`: out = x op s, and `<op>ScalarB`: out = s op x.
 */
const KERNELS: SimdKernel[] = OPS.flatMap((op) => {
  const code = simd(OPCODE[op]);
  return [
    { name: `${op}Rows`, ptrs: 3, scalars: 0, rowPtrs: [0, 2], strided: true, body: ({ ld, st }) => st(2, [...ld(0), ...ld(1), ...code]) },
    { name: `${op}RowsB`, ptrs: 3, scalars: 0, rowPtrs: [1, 2], strided: true, body: ({ ld, st }) => st(2, [...ld(0), ...ld(1), ...code]) },
    { name: `${op}Scalar`, ptrs: 2, scalars: 1, body: ({ ld, st, s }) => st(1, [...ld(0), ...s(0), ...code]) },
    { name: `${op}ScalarB`, ptrs: 2, scalars: 1, body: ({ ld, st, s }) => st(1, [...s(0), ...ld(0), ...code]) },
  ] satisfies SimdKernel[];
});
const moduleBytes = (shared: boolean) => simdModuleBytes(KERNELS, shared);
type RowKernels = Record<string, (...args: number[]) => void>;

/** x op y rounded to float32 by the caller's store (one branch per element, predicted: no call). */
function apply(op: Op, x: number, y: number): number {
  return op === "add" ? x + y : op === "sub" ? x - y : x * y;
}

/**
 * How `a op b` broadcasts, if one operand is a row repeated over the other's rows: the other
 * operand has the output's shape, and the row operand's size is 1 (a scalar: a row of one,
 * read as such) or its shape is [1, ..., 1, N] with N the output's last dimension.
 */
function rowBroadcast(a: Info, b: Info): { row: "a" | "b"; rows: number; n: number } | null {
  if (a.dtype !== "float32" || b.dtype !== "float32") return null;
  const out = tf.backend_util.assertAndGetBroadcastShape(a.shape, b.shape);
  const size = tf.util.sizeFromShape(out);
  for (const [row, full, other] of [["b", a, b], ["a", b, a]] as const) {
    if (!tf.util.arraysEqual(full.shape, out)) continue;
    const n = tf.util.sizeFromShape(other.shape);
    if (n === 1 && size > 1) return { row, rows: size, n: 1 };
    const last = out[out.length - 1];
    if (n === last && n > 1 && other.shape[other.shape.length - 1] === n && size > n) return { row, rows: size / n, n };
  }
  return null;
}

/** Columns [from, n) of each row in JS. */
function rowsTail(op: Op, a: Float32Array, b: Float32Array, out: Float32Array, row: "a" | "b", rows: number, n: number, from: number): void {
  for (let r = 0, at = 0; r < rows; r++, at += n) {
    if (row === "b") for (let j = from; j < n; j++) out[at + j] = apply(op, a[at + j], b[j]);
    else for (let j = from; j < n; j++) out[at + j] = apply(op, a[j], b[at + j]);
  }
}

/** Elements [from, end) of the scalar case in JS. */
function scalarTail(op: Op, a: Float32Array, b: Float32Array, out: Float32Array, row: "a" | "b", from: number): void {
  if (row === "b") for (let i = from; i < out.length; i++) out[i] = apply(op, a[i], b[0]);
  else for (let i = from; i < out.length; i++) out[i] = apply(op, a[0], b[i]);
}

function broadcastKernel(op: Op): KernelFn {
  return (args: KernelArgs): Info => {
    const { inputs: { a, b }, backend } = args;
    const plan = rowBroadcast(a, b);
    const k = plan != null ? instantiateOn<RowKernels>(moduleBytes, backendMemory(backend.wasm)) : null;
    if (plan == null || k == null) return overrides[op].original()(args);
    const { row, rows, n } = plan;
    const full = row === "b" ? a : b;
    const out = backend.makeOutput(full.shape.slice(), "float32");
    const at = (t: Info) => backend.getMemoryOffset(t.dataId);
    // A scalar is a row of one: the vector loop runs over the whole output, the scalar splatted.
    const width = n === 1 ? rows : n;
    const vec = width - (width % 4);
    if (vec > 0 && n === 1) {
      const s = (backend.typedArrayFromHeap(row === "b" ? b : a) as Float32Array)[0];
      k[row === "b" ? `${op}Scalar` : `${op}ScalarB`](at(full), at(out), 4 * vec, s);
    } else if (vec > 0) {
      k[row === "b" ? `${op}Rows` : `${op}RowsB`](at(a), at(b), at(out), rows, 4 * vec, 4 * n);
    }
    if (vec < width) {
      // Views after the allocation (it may grow the heap and detach earlier ones).
      const view = (t: Info) => backend.typedArrayFromHeap(t) as Float32Array;
      if (n === 1) scalarTail(op, view(a), view(b), view(out), row, vec);
      else rowsTail(op, view(a), view(b), view(out), row, rows, n, vec);
    }
    return out;
  };
}

const overrides: Record<Op, Override<KernelFn>> = {
  add: overrideWasmKernel<KernelFn>("Add", broadcastKernel("add")),
  sub: overrideWasmKernel<KernelFn>("Sub", broadcastKernel("sub")),
  mul: overrideWasmKernel<KernelFn>("Multiply", broadcastKernel("mul")),
};
/**
 * The replacements of the wasm Add, Sub and Multiply kernels, off until installed (`installEngine()` does).
 * @example
 * for (const o of wasmBroadcast) o.uninstall();  // tfjs's own kernels
 */
export const wasmBroadcast = [overrides.add, overrides.sub, overrides.mul] as const;
