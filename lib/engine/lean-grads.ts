/**
 * The autodiff gradients of Add, AddN, Multiply and Mean without the kernels that move no numbers.
 *
 * tfjs-core's Add gradient ends with a Reshape of each derivative to its input's shape, also when
 * the shape is already that; AddN's clones dy once per input (an Identity kernel each);
 * Multiply's casts a float32 operand to float32 (a Cast kernel); Mean's multiplies the reshaped
 * dy by an uploaded tensor of ones and divides by an uploaded scalar. On a small net each of these
 * kernels costs the engine's ~4-5 us of bookkeeping; the spiral's lecture step had 18 of them.
 * Here a reshape or a copy is a new handle on the same data (`aliasTensor`, what the Reshape and
 * Identity kernels return on wasm anyway), the cast of a float32 operand is skipped, and a mean
 * over every axis has one kernel, DlcourseMeanGrad: dx_i = dy / n in float32 (dy * 1 is dy for
 * every float32, so the multiplication by ones changes nothing). The sums and products are tfjs's
 * own ops: the same bits (tests/engine/lean-grads.test.ts). tfjs's gradient runs off wasm, for a
 * mean over some axes, and while the backward pass is itself recorded (a gradient of a gradient
 * needs the tape, which an aliased handle bypasses).
 */
// Straight from tfjs, not ../backend: backend.ts imports the engine.
import * as tf from "@tensorflow/tfjs";
import { overrideGradient, gradientDepth, type GradFunc, type Override } from "./kernel-override";
import { aliasTensor } from "./autodiff-clone";
import { defineHeapKernel } from "./fused/kernel";

const MEAN_GRAD = "DlcourseMeanGrad";
const { assertAndGetBroadcastShape, getReductionAxes } = tf.backend_util;

const lean = () => tf.getBackend() === "wasm" && gradientDepth() === 0;

/**
 * `res` summed over the axes broadcasting added to `shape`, as a tensor of that shape; a new
 * handle where that is `res` itself and `res` is not the caller's (`fresh` false: dy).
 */
function unbroadcast(res: tf.Tensor, shape: number[], outShape: number[], fresh: boolean): tf.Tensor {
  const axes = getReductionAxes(shape, outShape);
  const r = axes.length > 0 ? tf.sum(res, axes) : res;
  if (!tf.util.arraysEqual(r.shape, shape)) return aliasTensor(r, shape);
  return r === res && !fresh ? aliasTensor(r) : r;
}

function add(dy: tf.Tensor, [a, b]: tf.Tensor[]) {
  const out = assertAndGetBroadcastShape(a.shape, b.shape);
  return { a: () => unbroadcast(dy, a.shape, out, false), b: () => unbroadcast(dy, b.shape, out, false) };
}

function multiply(dy: tf.Tensor, [a, b]: tf.Tensor[]) {
  const out = assertAndGetBroadcastShape(a.shape, b.shape);
  const times = (t: tf.Tensor) => tf.mul(dy, t.dtype === "float32" ? t : tf.cast(t, "float32"));
  return { a: () => unbroadcast(times(b), a.shape, out, true), b: () => unbroadcast(times(a), b.shape, out, true) };
}

function addN(dy: tf.Tensor, saved: tf.Tensor[]) {
  return Object.fromEntries(saved.map((_, i) => [i, () => aliasTensor(dy)]));
}

function mean(dy: tf.Tensor, [x]: tf.Tensor[], attrs: tf.NamedAttrMap) {
  const axes = tf.util.parseAxisParam(attrs.axis as number | number[], x.shape);
  if (axes.length !== x.rank || dy.size !== 1 || dy.dtype !== "float32" || tf.getKernel(MEAN_GRAD, "wasm") == null) return null;
  return { x: () => (tf.engine().runKernel(MEAN_GRAD, { dy }, { shape: x.shape, n: x.size } as unknown as tf.NamedAttrMap) as tf.Tensor[])[0] };
}

/** Registers DlcourseMeanGrad on wasm; idempotent. `installEngine()` calls it. */
export function defineMeanGrad(): void {
  defineHeapKernel<{ shape: number[]; n: number }>(MEAN_GRAD, (_ins, { shape }) => [shape.slice()], ([dy], [dx], { n }) => {
    dx.fill(dy[0] / n); // the store rounds the double quotient of two float32 values to RealDiv's
  });
}

type Lean = (dy: tf.Tensor, saved: tf.Tensor[], attrs: tf.NamedAttrMap) => Record<string, () => tf.Tensor> | null;

function leanGradient(kernel: string, f: Lean): Override<GradFunc> {
  const o: Override<GradFunc> = overrideGradient(kernel, (dy, saved, attrs) =>
    (lean() && !Array.isArray(dy) ? f(dy, saved, attrs) : null) ?? o.original()(dy, saved, attrs));
  return o;
}

/** The replacements of Add's, Multiply's, AddN's and Mean's gradients, off until installed (`installEngine()` does). */
export const leanGrads = [leanGradient("Add", add), leanGradient("Multiply", multiply), leanGradient("AddN", addN), leanGradient("Mean", mean)] as const;
