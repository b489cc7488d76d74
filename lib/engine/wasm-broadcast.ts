/**
 * Faster wasm Add, Sub and Multiply when one float32 operand is broadcast along rows: a bias
 * [N] added to activations [M, N] (`tf.add(tf.matMul(x, w), b)`, every dense layer a student
 * writes), or a scalar (`tf.mul(x, 0.01)`); and for two float32 operands of one shape (a
 * gradient added to another), where tfjs's kernel spends ~1.5 us a call on its arguments.
 *
 * tfjs-backend-wasm 4.22 computes a broadcast by mapping every output index back to each
 * operand's index, per element: [300, 50] + [50] took 14.6 us where [300, 50] + [300, 50] took
 * 5.1 us (bench/README "Round 11"). Here the output is one vector pass: the row read at the
 * output index modulo its width, 16 floats a step (./broadcast-wrap.ts; until round 12 a row at a
 * time, each row's last N % 4 columns in JS), a scalar splatted 4 at a time (./fused/simd.ts's
 * loop); the last few elements, and outputs under 256 elements, are done in JS. Each output is
 * the same single float32 operation on the same two operands in the same order as tfjs's (a
 * Float32Array store rounds a double sum, difference or product of two float32 values to the
 * float32 result), so the same bits (tests/engine/wasm-broadcast.test.ts). Other dtypes and
 * shapes, and engines without wasm SIMD, go to tfjs's kernel.
 */
// Straight from tfjs, not ../backend: backend.ts imports the engine.
import * as tf from "@tensorflow/tfjs";
import { overrideWasmKernel, type Override } from "./kernel-override";
import { backendMemory, instantiateOn, simd, type WasmHeapModule } from "./wasm-bytes";
import { BROADCAST_OPCODES, BROADCAST_OPS, fillWrapRow, UNROLL, wrapModuleBytes, wrapPeriod, type BroadcastOp } from "./broadcast-wrap";
import { simdModuleBytes, type SimdKernel } from "./fused/simd";
import type { WasmBackend } from "./wasm-heap";

type Info = tf.TensorInfo;
type Backend = WasmBackend & { wasm: WasmHeapModule };
type KernelArgs = { inputs: { a: Info; b: Info }; backend: Backend; attrs?: tf.NamedAttrMap };
type KernelFn = (args: KernelArgs) => Info;
type Op = BroadcastOp;


/** Per op: `<op>Scalar(x, out | bytes; s)`: out = x op s, and `<op>ScalarB`: out = s op x. The rows: ./broadcast-wrap.ts. */
const KERNELS: SimdKernel[] = BROADCAST_OPS.flatMap((op) => {
  const code = simd(BROADCAST_OPCODES[op]);
  return [
    { name: `${op}Scalar`, ptrs: 2, scalars: 1, body: ({ ld, st, s }) => st(1, [...ld(0), ...s(0), ...code]) },
    { name: `${op}ScalarB`, ptrs: 2, scalars: 1, body: ({ ld, st, s }) => st(1, [...s(0), ...ld(0), ...code]) },
  ] satisfies SimdKernel[];
});
const moduleBytes = (shared: boolean) => simdModuleBytes(KERNELS, shared);
type Kernels = Record<string, (...args: number[]) => void>;
/** Below this many elements a row broadcast is done in JS: the row's copy would cost more than it saves. */
const MIN_VECTOR_SIZE = 256;

/** x op y rounded to float32 by the caller's store (one branch per element, predicted: no call). */
function apply(op: Op, x: number, y: number): number {
  return op === "add" ? x + y : op === "sub" ? x - y : x * y;
}

/** How the operands pair up: `row` repeated `rows` times (N values each) against the other, or two of one shape (`same`, the "row" b the whole of it). */
interface Plan { row: "a" | "b"; rows: number; n: number; same?: boolean }

/**
 * How `a op b` broadcasts, if one operand is a row repeated over the other's rows: the other
 * operand has the output's shape, and the row operand's size is 1 (a scalar: a row of one,
 * read as such) or its shape is [1, ..., 1, N] with N the output's last dimension. Operands of
 * one shape are a plan too (tfjs's kernel spends ~1.5 us a call on its arguments' byte arrays).
 */
function rowBroadcast(a: Info, b: Info): Plan | null {
  if (a.dtype !== "float32" || b.dtype !== "float32") return null;
  if (tf.util.arraysEqual(a.shape, b.shape)) return { row: "b", rows: 1, n: tf.util.sizeFromShape(a.shape), same: true };
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

/** Elements [from, size) in JS: the row operand (N values) at i mod N, on its side of `op`. */
function flatTail(op: Op, full: Float32Array, rowv: Float32Array, out: Float32Array, rowFirst: boolean, from: number): void {
  const n = rowv.length;
  for (let i = from; i < out.length; i++) out[i] = rowFirst ? apply(op, rowv[i % n], full[i]) : apply(op, full[i], rowv[i % n]);
}

/**
 * The output in vector passes, but for its last elements: a scalar row splatted, 4 floats at a
 * time; a wider row, 16 at a time (./broadcast-wrap.ts). Returns how many elements it did (the
 * rest is the caller's), or -1 where the module does not instantiate.
 */
function vectorPart(op: Op, backend: Backend, full: Info, rowT: Info, out: Info, rowFirst: boolean, plan: Plan): number {
  const memory = backendMemory(backend.wasm);
  const at = (t: Info) => backend.getMemoryOffset(t.dataId);
  const { n, same } = plan, size = plan.rows * n;
  if (n === 1 && !same) {
    const k = instantiateOn<Kernels>(moduleBytes, memory);
    const vec = size - (size % 4);
    if (k != null && vec > 0) k[rowFirst ? `${op}ScalarB` : `${op}Scalar`](at(full), at(out), 4 * vec, (backend.typedArrayFromHeap(rowT) as Float32Array)[0]);
    return k == null ? -1 : vec;
  }
  const w = instantiateOn<Kernels>(wrapModuleBytes, memory);
  const vec = size < MIN_VECTOR_SIZE ? 0 : size - (size % (4 * UNROLL));
  if (w == null || vec === 0) return w == null ? -1 : 0;
  // One shape: the other operand is its own "row", with a period it never reaches.
  if (same) {
    w[`${op}WrapB`](at(full), at(rowT), at(out), 4 * vec, 4 * vec);
    return vec;
  }
  const period = wrapPeriod(n);
  // The row's copy in a bare heap block (no tensor registered for it), views after the allocation.
  const floats = period + 4 * UNROLL - 1;
  const ext = backend.wasm._malloc(4 * floats);
  fillWrapRow(backend.typedArrayFromHeap(rowT) as Float32Array, new Float32Array(memory.buffer, ext, floats));
  w[`${op}Wrap${rowFirst ? "A" : "B"}`](at(full), ext, at(out), 4 * vec, 4 * period);
  backend.wasm._free(ext);
  return vec;
}

function broadcastKernel(op: Op): KernelFn {
  return (args: KernelArgs): Info => {
    const { inputs: { a, b }, backend } = args;
    const plan = rowBroadcast(a, b);
    if (plan == null) return overrides[op].original()(args);
    const rowFirst = plan.row === "a";
    const [full, rowT] = rowFirst ? [b, a] : [a, b];
    const out = backend.makeOutput(full.shape.slice(), "float32");
    const size = plan.rows * plan.n;
    const done = vectorPart(op, backend, full, rowT, out, rowFirst, plan);
    if (done < 0) {
      backend.disposeData(out.dataId);
      return overrides[op].original()(args);
    }
    // Views after every allocation (one may grow the heap and detach earlier views).
    const view = (t: Info) => backend.typedArrayFromHeap(t) as Float32Array;
    if (done < size) flatTail(op, view(full), view(rowT), view(out), rowFirst, done);
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
