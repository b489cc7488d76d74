/**
 * Adam/AdamW in one wasm kernel per parameter (see ./kernel.ts for why). Same rule, same order
 * of operations as `adamStep` in lib/optim/adam.ts (the composite path, kept for cpu/tensorflow);
 * the moments are rounded to float32 before use, as PyTorch and the composite path store them.
 */
// Straight from tfjs, not ../../backend: backend.ts imports the engine.
import * as tf from "@tensorflow/tfjs";
import type { AdamOptions } from "../../optim/types";
import type { FastUpdate, ParamState } from "../../optim/update-hook";
import { defineFused, fr, JS_LOOP_MAX, runFused, type FusedHeap } from "./kernel";

const NAME = "DlcourseAdamUpdate";

/** Per-step constants, computed once in JS (bias corrections depend on the step t only). */
interface AdamAttrs {
  outputs: number;
  beta1: number;
  beta2: number;
  eps: number;
  /** Coupled L2: g <- g + l2 * w (0 if none or decoupled). */
  l2: number;
  /** Decoupled decay factor 1 - lr * lambda (1 if none). */
  shrink: number;
  /** lr / (1 - beta1^t). */
  stepSize: number;
  /** 1 - beta2^t. */
  bc2: number;
  maximize: boolean;
  amsgrad: boolean;
  epsInsideSqrt: boolean;
}

/** The common form (no amsgrad, eps outside the root) runs 4 floats at a time in ./simd.ts. */
const simdForm = (a: AdamAttrs) => !a.amsgrad && !a.epsInsideSqrt;

/** inputs [w, g, m, v, (vmax)] -> outputs [w', m', v', (vmax')], each of length N. */
function adamCompute(ins: Float32Array[], outs: Float32Array[], a: AdamAttrs, heap: FusedHeap): void {
  let from = 0;
  if (heap.simd && simdForm(a)) {
    from = ins[0].length & ~3;
    const { beta1, beta2, eps, l2, shrink, stepSize, bc2, maximize } = a;
    heap.simd.adam(...heap.ptrs.slice(0, 7), from * 4, maximize ? -1 : 1, l2, 1 - beta1, beta2, 1 - beta2, shrink, Math.sqrt(bc2), eps, stepSize);
  }
  adamLoop(ins, outs, a, from);
}

/** The scalar loop over elements [from, N). */
function adamLoop([w, grad, m0, v0, vmax0]: Float32Array[], [w1, m1, v1, vmax1]: Float32Array[], a: AdamAttrs, from: number): void {
  const { beta1, beta2, eps, l2, shrink, stepSize, bc2, maximize, amsgrad, epsInsideSqrt } = a;
  const sqrtBc2 = Math.sqrt(bc2);
  for (let i = from; i < w.length; i++) {
    let g = maximize ? -grad[i] : grad[i];
    if (l2 !== 0) g = fr(g + fr(w[i] * l2));
    const m = fr(m0[i] + (g - m0[i]) * (1 - beta1));
    let v = fr(v0[i] * beta2 + g * g * (1 - beta2));
    m1[i] = m;
    v1[i] = v;
    if (amsgrad) v = vmax1[i] = Math.max(vmax0[i], v);
    const denom = epsInsideSqrt ? Math.sqrt(v / bc2 + eps) : Math.sqrt(v) / sqrtBc2 + eps;
    w1[i] = w[i] * shrink - (m / denom) * stepSize;
  }
}

/** Registers the fused Adam kernel on wasm; idempotent. */
export function defineFusedAdam(): void {
  defineFused(NAME, adamCompute);
}

/** What {@link fusedAdam} needs of the options: Adam's own. */
export type FusedAdamOptions = Readonly<AdamOptions>;

/** New parameter and state tensors of one fused step. */
export interface FusedAdamResult {
  param: tf.Tensor;
  expAvg: tf.Tensor;
  expAvgSq: tf.Tensor;
  maxExpAvgSq?: tf.Tensor;
}

/**
 * One Adam/AdamW step for one parameter as a single wasm kernel.
 *
 * @param o - Adam's options (decoupledWeightDecay true for AdamW)
 * @param t - the step number, from 1
 * @param param - the parameter w, any shape
 * @param grad - dL/dw, w's shape
 * @param slots - the state before the step: expAvg m, expAvgSq v, maxExpAvgSq (amsgrad)
 * @returns new tensors (the inputs are untouched), or null if the backend is not wasm
 */
export function fusedAdam(o: FusedAdamOptions, t: number, param: tf.Tensor, grad: tf.Tensor, slots: Record<string, tf.Tensor>): FusedAdamResult | null {
  const [beta1, beta2] = o.betas;
  const decay = o.weightDecay !== 0;
  const attrs: AdamAttrs = {
    outputs: o.amsgrad ? 4 : 3,
    beta1, beta2, eps: o.eps,
    l2: decay && !o.decoupledWeightDecay ? o.weightDecay : 0,
    shrink: decay && o.decoupledWeightDecay ? 1 - o.lr * o.weightDecay : 1,
    stepSize: o.lr / (1 - Math.pow(beta1, t)),
    bc2: 1 - Math.pow(beta2, t),
    maximize: o.maximize, amsgrad: o.amsgrad, epsInsideSqrt: o.epsInsideSqrt,
  };
  const inputs = [param, grad, slots.expAvg, slots.expAvgSq];
  if (o.amsgrad) inputs.push(slots.maxExpAvgSq);
  const out = runFused(NAME, inputs, attrs, simdForm(attrs) ? Infinity : JS_LOOP_MAX);
  if (out == null) return null;
  return { param: out[0], expAvg: out[1], expAvgSq: out[2], maxExpAvgSq: out[3] };
}

/**
 * The fast step of `optim.Adam` (and, with `decoupledWeightDecay`, AdamW) for the optimizer
 * hook: one fused kernel, the state assigned here; null where the kernel does not apply.
 */
export const fusedAdamUpdate: FastUpdate<AdamOptions> = (o, param, grad, state: ParamState) => {
  const fused = fusedAdam(o, state.scalars.step, param, grad, state.slots);
  if (fused == null) return null;
  state.slots.expAvg.assign(fused.expAvg);
  state.slots.expAvgSq.assign(fused.expAvgSq);
  if (fused.maxExpAvgSq) state.slots.maxExpAvgSq.assign(fused.maxExpAvgSq);
  return fused.param;
};
