/**
 * SGD (momentum, Nesterov, dampening, coupled weight decay) in one wasm kernel per parameter; see
 * ./kernel.ts for why. Same rule and order of operations as `SGD.update` in lib/optim/sgd.ts (the
 * composite path, kept for cpu/tensorflow); the buffer is rounded to float32 before use.
 */
// Straight from tfjs, not ../../backend: backend.ts imports the engine.
import * as tf from "@tensorflow/tfjs";
import type { SGDOptions } from "../../optim/types";
import { setSlot, type FastUpdate, type FastUpdates } from "../../optim/update-hook";
import { defineFused, defineHeapKernel, fr, JS_LOOP_MAX, runFused, type BufferedAttrs, type FusedHeap } from "./kernel";

const NAME = "DlcourseSgdUpdate";
const MANY = "DlcourseSgdUpdateMany";

/** What {@link fusedSgd} needs of the options: SGD's own. */
export type FusedSgdOptions = Readonly<SGDOptions>;

type SgdAttrs = BufferedAttrs<SGDOptions>;

/**
 * inputs [w, g, (b)] -> outputs [w', (b')], each of length N. With momentum, ./simd.ts does 4
 * floats at a time (a missing buffer is b = 0 * g + 1 * d, PyTorch's copy of the first d).
 */
function sgdCompute(ins: Float32Array[], outs: Float32Array[], a: SgdAttrs, heap: FusedHeap): void {
  let from = 0;
  if (heap.simd && a.momentum !== 0) {
    from = ins[0].length & ~3;
    const [w, g, b, w1, b1] = a.hasBuffer ? heap.ptrs : [heap.ptrs[0], heap.ptrs[1], heap.ptrs[1], heap.ptrs[2], heap.ptrs[3]];
    const [mom, damp1] = a.hasBuffer ? [a.momentum, 1 - a.dampening] : [0, 1];
    const [nz, bz] = a.nesterov ? [1, a.momentum] : [0, 1];
    heap.simd.sgd(w, g, b, w1, b1, from * 4, a.maximize ? -1 : 1, a.weightDecay, mom, damp1, nz, bz, a.lr);
  }
  sgdLoop(ins, outs, a, from);
}

/** The scalar loop over elements [from, N). */
function sgdLoop([w, grad, buf]: Float32Array[], [w1, buf1]: Float32Array[], a: SgdAttrs, from: number): void {
  const { lr, momentum, dampening, weightDecay, nesterov, maximize, hasBuffer } = a;
  for (let i = from; i < w.length; i++) {
    let d = maximize ? -grad[i] : grad[i];
    if (weightDecay !== 0) d = fr(d + fr(w[i] * weightDecay));
    if (momentum !== 0) {
      const b = hasBuffer ? fr(buf[i] * momentum + d * (1 - dampening)) : d;
      buf1[i] = b;
      d = nesterov ? d + b * momentum : b;
    }
    w1[i] = w[i] - d * lr;
  }
}

/**
 * {@link sgdLoop} without momentum, its branches taken out of the loop (~4x faster: the spiral's
 * six updates spent 13 us of 28 in the general loop). The same operations: the sign is a
 * multiplication by 1 or -1, exact like the negation.
 */
function plainSgdLoop(w: Float32Array, grad: Float32Array, w1: Float32Array, { lr, weightDecay, maximize }: SgdAttrs): void {
  const sign = maximize ? -1 : 1;
  if (weightDecay === 0) {
    for (let i = 0; i < w.length; i++) w1[i] = w[i] - sign * grad[i] * lr;
  } else {
    for (let i = 0; i < w.length; i++) w1[i] = w[i] - fr(sign * grad[i] + fr(w[i] * weightDecay)) * lr;
  }
}

/** inputs [w_0, g_0, w_1, g_1, ...] -> outputs [w_0', w_1', ...]: plain SGD (no momentum), each parameter as {@link sgdLoop}. */
function sgdManyCompute(ins: Float32Array[], outs: Float32Array[], a: SgdAttrs): void {
  for (let j = 0; j < outs.length; j++) plainSgdLoop(ins[2 * j], ins[2 * j + 1], outs[j], a);
}

/** Registers the fused SGD kernels on wasm (one parameter; every parameter without momentum); idempotent. */
export function defineFusedSgd(): void {
  defineFused(NAME, sgdCompute);
  defineHeapKernel<SgdAttrs>(MANY, (ins) => ins.filter((_, i) => i % 2 === 0).map((t) => t.shape.slice()), sgdManyCompute);
}


/**
 * One SGD step for one parameter as a single wasm kernel.
 *
 * @param o - SGD's options
 * @param param - the parameter w, any shape
 * @param grad - dL/dw, w's shape
 * @param buffer - the momentum buffer b, or undefined before the first momentum step
 * @returns the new parameter and (momentum != 0) the new buffer, as new tensors; null if the
 *   backend is not wasm
 */
export function fusedSgd(o: FusedSgdOptions, param: tf.Tensor, grad: tf.Tensor, buffer: tf.Tensor | undefined): { param: tf.Tensor; momentumBuffer?: tf.Tensor } | null {
  const hasBuffer = o.momentum !== 0 && buffer != null;
  const attrs: SgdAttrs = {
    outputs: o.momentum !== 0 ? 2 : 1,
    lr: o.lr, momentum: o.momentum, dampening: o.dampening, weightDecay: o.weightDecay,
    nesterov: o.nesterov, maximize: o.maximize, hasBuffer,
  };
  // Plain SGD is 2 composite kernels that SIMD well: fuse it only where dispatch dominates.
  const maxSize = o.momentum !== 0 ? Infinity : JS_LOOP_MAX;
  const out = runFused(NAME, hasBuffer ? [param, grad, buffer!] : [param, grad], attrs, maxSize);
  return out == null ? null : { param: out[0], momentumBuffer: out[1] };
}

/** The fast step of `optim.SGD` for the optimizer hook: one fused kernel; null where it does not apply. */
export const fusedSgdUpdate: FastUpdate<SGDOptions> = (o, param, grad, state) => {
  const fused = fusedSgd(o, param, grad, state.slots.momentumBuffer);
  if (fused == null) return null;
  if (fused.momentumBuffer) setSlot(state, "momentumBuffer", fused.momentumBuffer);
  return fused.param;
};

/** The all-parameters kernel's input names, w_j and g_j for parameter j, made once each. */
const INPUT_NAMES: [string, string][] = [];

/**
 * The all-parameters step of `optim.SGD` for the optimizer hook: plain SGD (no momentum) on
 * parameters of up to {@link JS_LOOP_MAX} elements in ONE kernel, the same loop and bits as one
 * fused kernel per parameter (the kernel launches were ~5% of the spiral's lecture step); null
 * where it does not apply (the per-parameter step runs).
 */
export const fusedSgdUpdates: FastUpdates<SGDOptions> = (o, params, grads) => {
  const fits = (t: tf.Tensor, like: tf.Tensor) => t.dtype === "float32" && t.size <= JS_LOOP_MAX && t.size === like.size;
  if (o.momentum !== 0 || tf.getBackend() !== "wasm" || tf.getKernel(MANY, "wasm") == null) return null;
  if (!params.every((p, j) => fits(p, p) && fits(grads[j], p))) return null;
  const inputs: tf.NamedTensorMap = {};
  for (let j = 0; j < params.length; j++) {
    // Names made once: a template string and a computed key per parameter were ~8% of the update.
    while (INPUT_NAMES.length <= j) INPUT_NAMES.push([`w${INPUT_NAMES.length}`, `g${INPUT_NAMES.length}`]);
    inputs[INPUT_NAMES[j][0]] = params[j];
    inputs[INPUT_NAMES[j][1]] = grads[j];
  }
  const attrs: SgdAttrs = { ...o, outputs: params.length, hasBuffer: false };
  return tf.engine().runKernel(MANY, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
};
