/**
 * The autodiff gradients of ReLU, sigmoid and tanh as one wasm kernel each.
 *
 * tfjs-core writes them with ops: ReLU's is mul(dy, cast(step(x))), sigmoid's
 * mul(dy, mul(y, sub(scalar(1), y))) and tanh's mul(sub(scalar(1), square(y)), dy): three or four
 * kernels, and the uploaded scalar, per layer and step, where a small net's step is
 * dispatch-bound. Here each is one pass, 4 elements at a time in wasm SIMD, the same float32
 * operations in the same order (the last < 4 in JS, where a Float32Array store rounds a double
 * product of two float32 values exactly as float32 does):
 *
 *   relu:    dy (x > 0 ? 1 : x is NaN ? NaN : 0)    (tfjs's Step gives NaN for NaN)
 *   sigmoid: dy (y (1 - y))
 *   tanh:    (1 - y y) dy
 *
 * Same bits as tfjs's gradients (tests/engine/fast-activation-grads.test.ts). The original
 * gradient runs where these cannot: off wasm, non-float32, and while the backward pass is itself
 * recorded (a gradient of a gradient needs differentiable ops).
 */
// Straight from tfjs, not ../backend: backend.ts imports the engine.
import * as tf from "@tensorflow/tfjs";
import { overrideGradient, gradientDepth, type GradFunc, type Override } from "./kernel-override";
import { defineHeapKernel, type FusedHeap } from "./fused/kernel";
import { simdModuleBytes, type SimdKernel } from "./fused/simd";
import { instantiateOn, simd } from "./wasm-bytes";

type Kernels = Record<"relu" | "sigmoid" | "tanh", (dy: number, v: number, out: number, bytes: number, ...scalars: number[]) => void>;

const [SUB, MUL, EQ, GT, BITSELECT] = [0xe5, 0xe6, 0x41, 0x44, 0x52].map(simd);
/** (dy, saved, out | bytes; 1, 0, NaN): the three rules of this file's header. */
const KERNELS: SimdKernel[] = [
  {
    name: "relu", ptrs: 3, scalars: 3,
    body: ({ ld, st, s }) => st(2, [...ld(0), ...s(0), ...s(1), ...ld(1), ...s(1), ...GT, ...BITSELECT, ...s(2), ...ld(1), ...ld(1), ...EQ, ...BITSELECT, ...MUL]),
  },
  { name: "sigmoid", ptrs: 3, scalars: 3, body: ({ ld, st, s }) => st(2, [...ld(0), ...ld(1), ...s(0), ...ld(1), ...SUB, ...MUL, ...MUL]) },
  { name: "tanh", ptrs: 3, scalars: 3, body: ({ ld, st, s }) => st(2, [...s(0), ...ld(1), ...ld(1), ...MUL, ...SUB, ...ld(0), ...MUL]) },
];
const moduleBytes = (shared: boolean) => simdModuleBytes(KERNELS, shared);

const fr = Math.fround;
/** The same rules per element, for the remainder (and engines without wasm SIMD). */
const SCALAR: Record<keyof Kernels, (dy: number, v: number) => number> = {
  relu: (dy, x) => dy * (x > 0 ? 1 : x !== x ? NaN : 0),
  sigmoid: (dy, y) => dy * fr(y * fr(1 - y)),
  tanh: (dy, y) => fr(1 - fr(y * y)) * dy,
};

const kernelName = (rule: keyof Kernels) => `Dlcourse${rule[0].toUpperCase()}${rule.slice(1)}Grad`;

function defineGrad(rule: keyof Kernels): void {
  defineHeapKernel(kernelName(rule), (ins) => [ins[0].shape.slice()], ([dy, v]: Float32Array[], [out]: Float32Array[], _a: unknown, heap: FusedHeap) => {
    const k = instantiateOn<Kernels>(moduleBytes, heap.memory);
    const vec = k == null ? 0 : dy.length - (dy.length % 4);
    if (k != null) k[rule](heap.ptrs[0], heap.ptrs[1], heap.ptrs[2], 4 * vec, 1, 0, NaN);
    const f = SCALAR[rule];
    for (let i = vec; i < dy.length; i++) out[i] = f(dy[i], v[i]);
  });
}

/** Registers the three kernels on wasm; idempotent. `installEngine()` calls it. */
export function defineActivationGrads(): void {
  (Object.keys(SCALAR) as (keyof Kernels)[]).forEach(defineGrad);
}


/** The gradient of tfjs's kernel `kernel` through the fused one, where it can run. */
function fusedGradient(kernel: string, rule: keyof Kernels): Override<GradFunc> {
  const fused = kernelName(rule);
  const o: Override<GradFunc> = overrideGradient(kernel, (dy, saved, attrs) => {
    const [v] = saved;
    const d = dy as tf.Tensor;
    const usable = tf.getBackend() === "wasm" && tf.getKernel(fused, "wasm") != null && gradientDepth() === 0 &&
      d.dtype === "float32" && v.dtype === "float32" && d.size === v.size;
    if (!usable) return o.original()(dy, saved, attrs);
    return { x: () => (tf.engine().runKernel(fused, { dy: d, v }) as tf.Tensor[])[0] };
  });
  return o;
}

/** The replacements of Relu's, Sigmoid's and Tanh's gradients, off until installed (`installEngine()` does). */
export const activationGrads = [fusedGradient("Relu", "relu"), fusedGradient("Sigmoid", "sigmoid"), fusedGradient("Tanh", "tanh")] as const;
