/**
 * `tf.norm(x)` (the Euclidean norm of a whole float32 tensor, the lecture's penalty
 * `0.01 * sum_W ||W||`) in one kernel, with a gradient of one kernel.
 *
 * tfjs computes sqrt(sum(pow(|x|, 2))) with 8 kernels (two reshapes and two casts among them), and
 * its autodiff backward through them is 19 more: Sqrt's, Sum's, Pow's (which evaluates pow(|x|, 1)
 * with `powf`), Cast's, Abs's and Reshape's gradients, each a few kernels. In a small network's
 * step that was half of all kernels (81 of the spiral lecture step's 159). Here the forward pass
 * is one kernel, DlcourseNorm: it computes what tfjs's Abs, Pow and Sum kernels do (the C
 * library's powf(|x|, 2), bit for bit, added in index order in float32: ./sum-squares-wasm.ts,
 * two wasm passes, or ./powf-square.ts's JS loop without wasm SIMD; until round 11 it called those
 * three kernels, ~12 ns an element in Pow), then the float32
 * square root. The backward pass is one kernel, DlcourseNormGrad (DlcourseNorm's registered
 * gradient), that computes per element what tfjs's chain computes, each float32 operation in the
 * same order:
 *
 *   d = sqrt(s) * 2;  dxs = dy / d;  dx_i = (dxs * (2 |x_i|)) * (x_i > 0 ? 1 : -1)
 *
 * (pow(a, 1) = a for every float32 a, checked exhaustively by bench/pow-exact.ts; a double
 * operation on float32 operands rounded once to float32 is the float32 operation, since
 * 53 >= 2 * 24 + 2.) Same bits as tfjs's norm and gradient: tests/engine/fast-norm.test.ts.
 * Other orders, axes, keepDims, dtypes and ranks go to tfjs's own op.
 */
// Straight from tfjs, not ../backend: backend.ts imports the engine.
import * as tf from "@tensorflow/tfjs";
import { overrideCoreOp, gradientDepth } from "./kernel-override";
import { defineHeapKernel, type FusedHeap } from "./fused/kernel";
import { simdModuleBytes, type SimdKernel } from "./fused/simd";
import { backendMemory, instantiateOn, simd, type WasmHeapModule } from "./wasm-bytes";
import type { WasmBackend } from "./wasm-heap";
import { sumPowfSquares } from "./powf-square";
import { backendHeap, sumPowfSquaresOnHeap, sumSquaresModuleBytes, type SumSquaresKernels } from "./sum-squares-wasm";

type Info = tf.TensorInfo;
type Norm = (x: tf.Tensor | tf.TensorLike, ord?: number | "euclidean" | "fro", axis?: number | number[] | null, keepDims?: boolean) => tf.Tensor;

const FORWARD = "DlcourseNorm";
const GRAD = "DlcourseNormGrad";
const fr = Math.fround;

/**
 * normGrad(x, dx | bytes; dxs, 2, 1, -1, 0): dx = (dxs (2 |x|)) (x > 0 ? 1 : -1), 4 at a time;
 * each f32x4 lane rounds as the scalar float32 operation does.
 */
const [ABS, GT, MUL, BITSELECT] = [0xe0, 0x44, 0xe6, 0x52].map(simd);
const KERNELS: SimdKernel[] = [{
  name: "normGrad", ptrs: 2, scalars: 5,
  body: ({ ld, st, s }) => st(1, [...ld(0), ...ABS, ...s(1), ...MUL, ...s(0), ...MUL, ...s(2), ...s(3), ...ld(0), ...s(4), ...GT, ...BITSELECT, ...MUL]),
}];
const moduleBytes = (shared: boolean) => simdModuleBytes(KERNELS, shared);

/** [x, v = sqrt(s), dy] -> dx, as the chain in this file's header computes it (v is sqrt(s) in float32). */
function normGrad([x, v, dy]: Float32Array[], [dx]: Float32Array[], _attrs: unknown, heap: FusedHeap): void {
  const dxs = fr(dy[0] / fr(v[0] * 2));
  const k = instantiateOn<{ normGrad(...a: number[]): void }>(moduleBytes, heap.memory);
  const vec = k == null ? 0 : x.length - (x.length % 4);
  if (k != null) k.normGrad(heap.ptrs[0], heap.ptrs[3], 4 * vec, dxs, 2, 1, -1, 0);
  // (bool * 2 - 1): the sign without a branch, which mispredicts on weights of random sign.
  for (let i = vec; i < x.length; i++) dx[i] = fr(dxs * fr(2 * Math.abs(x[i]))) * (((x[i] > 0) as unknown as number) * 2 - 1);
}

/**
 * x -> sqrt(s) with s = sum(pow(|x|, 2)): what tfjs's Abs, Pow and Sum kernels compute
 * (./sum-squares-wasm.ts on the heap, else ./powf-square.ts in JS), then the float32 square root.
 */
type NormBackend = WasmBackend & { wasm: WasmHeapModule };

function norm({ inputs: { x }, backend }: { inputs: { x: Info }; backend: NormBackend }): Info {
  const value = backend.makeOutput([], "float32");
  const memory = backendMemory(backend.wasm);
  const k = instantiateOn<SumSquaresKernels>(sumSquaresModuleBytes, memory);
  let s: number;
  if (k != null) {
    s = sumPowfSquaresOnHeap(k, backendHeap(backend.wasm), backend.getMemoryOffset(x.dataId), tf.util.sizeFromShape(x.shape));
  } else {
    // Views only after the allocation (it may grow the heap and detach earlier ones).
    const xs = backend.typedArrayFromHeap(x) as Float32Array;
    s = sumPowfSquares(xs, new Uint32Array(xs.buffer, xs.byteOffset, xs.length));
  }
  // A Float32Array store rounds the double square root of a float32 to sqrtf's result.
  backend.typedArrayFromHeap(value)[0] = Math.sqrt(s);
  return value;
}

/**
 * DlcourseNorm's gradient, registered as tfjs's kernels' are (not a customGrad): the tape node
 * then names its kernel and attributes, so ./replay/backward.ts can replay the backward pass.
 */
const NORM_GRADIENT: tf.GradConfig = {
  kernelName: FORWARD,
  inputsToSave: ["x"],
  outputsToSave: [true],
  gradFunc: (dy, [x, v]) => ({ x: () => (tf.engine().runKernel(GRAD, { x, v, dy: dy as tf.Tensor }) as tf.Tensor[])[0] }),
};

/** Registers both kernels on wasm, and the forward kernel's gradient; idempotent. `installEngine()` calls it. */
export function defineNormKernels(): void {
  defineHeapKernel(GRAD, (ins) => [ins[0].shape.slice()], normGrad);
  if (tf.getKernel(FORWARD, "wasm") == null) tf.registerKernel({ kernelName: FORWARD, backendName: "wasm", kernelFunc: norm as unknown as tf.KernelFunc });
  if (tf.getGradient(FORWARD) == null) tf.registerGradient(NORM_GRADIENT);
}

function fastNorm(x: tf.Tensor | tf.TensorLike, ord?: number | "euclidean" | "fro", axis?: number | number[] | null, keepDims?: boolean): tf.Tensor {
  // gradientDepth() > 1: a gradient of a gradient, which needs the gradient kernel's own gradient.
  const handled = x instanceof tf.Tensor && x.dtype === "float32" && x.rank > 0 && (ord == null || ord === "euclidean" || ord === 2) &&
    axis == null && !keepDims && tf.getBackend() === "wasm" && gradientDepth() <= 1 && tf.getKernel(GRAD, "wasm") != null && tf.getKernel(FORWARD, "wasm") != null;
  return handled ? tf.engine().runKernel(FORWARD, { x: x as tf.Tensor }) as tf.Tensor : fastNormOp.original()(x, ord, axis, keepDims);
}

/**
 * The replacement of `tf.norm`, off until installed (`installEngine()` does).
 * @example
 * fastNormOp.uninstall();  // tfjs's own op: 8 kernels forward, 19 backward (ours: 1 and 1)
 * fastNormOp.install();    // ours again
 */
export const fastNormOp = overrideCoreOp<Norm>("norm", fastNorm as Norm);
