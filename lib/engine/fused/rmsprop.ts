/**
 * RMSprop (centered, momentum, coupled weight decay) in one wasm kernel per parameter; see
 * ./kernel.ts for why. Same rule and order of operations as `RMSprop.update` in lib/optim/rmsprop.ts
 * (the composite path, kept for cpu/tensorflow); the state is rounded to float32 before use.
 */
// Straight from tfjs, not ../../backend: backend.ts imports the engine.
import * as tf from "@tensorflow/tfjs";
import type { RMSpropOptions } from "../../optim/types";
import { setSlot, type FastUpdate } from "../../optim/update-hook";
import { defineFused, fr, JS_LOOP_MAX, runFused, type BufferedAttrs } from "./kernel";

const NAME = "DlcourseRmspropUpdate";

/** What {@link fusedRmsprop} needs of the options: RMSprop's own. */
export type FusedRmspropOptions = Readonly<RMSpropOptions>;

type RmspropAttrs = BufferedAttrs<RMSpropOptions>;

/** inputs [w, g, G, (m if centered), (b)] -> outputs [w', G', (m'), (b' if momentum > 0)]. */
function rmspropCompute(ins: Float32Array[], outs: Float32Array[], a: RmspropAttrs): void {
  const { lr, alpha, eps, weightDecay, momentum, centered, epsInsideSqrt, maximize, hasBuffer } = a;
  const [w, grad, sq] = ins;
  const avg = centered ? ins[3] : undefined;
  const buf = hasBuffer ? ins[centered ? 4 : 3] : undefined;
  const [w1, sq1] = outs;
  const avg1 = centered ? outs[2] : undefined;
  const buf1 = momentum > 0 ? outs[centered ? 3 : 2] : undefined;
  for (let i = 0; i < w.length; i++) {
    let g = maximize ? -grad[i] : grad[i];
    if (weightDecay !== 0) g = fr(g + fr(w[i] * weightDecay));
    let second = (sq1[i] = fr(sq[i] * alpha + g * g * (1 - alpha)));
    if (avg && avg1) {
      const mean = (avg1[i] = fr(avg[i] * alpha + g * (1 - alpha)));
      second = fr(second - mean * mean);
    }
    let step = fr(g / (epsInsideSqrt ? Math.sqrt(second + eps) : Math.sqrt(second) + eps));
    if (buf1) step = buf1[i] = fr(buf ? buf[i] * momentum + step : step);
    w1[i] = w[i] - step * lr;
  }
}

/** Registers the fused RMSprop kernel on wasm; idempotent. */
export function defineFusedRmsprop(): void {
  defineFused(NAME, rmspropCompute);
}


/** New tensors of one fused RMSprop step. */
export interface FusedRmspropResult {
  param: tf.Tensor;
  squareAvg: tf.Tensor;
  gradAvg?: tf.Tensor;
  momentumBuffer?: tf.Tensor;
}

/**
 * One RMSprop step for one parameter as a single wasm kernel.
 *
 * @param o - RMSprop's options
 * @param param - the parameter w, any shape
 * @param grad - dL/dw, w's shape
 * @param slots - squareAvg G, gradAvg m (centered), momentumBuffer b (once created)
 * @returns new tensors (the inputs are untouched), or null if the backend is not wasm
 */
export function fusedRmsprop(o: FusedRmspropOptions, param: tf.Tensor, grad: tf.Tensor, slots: Record<string, tf.Tensor | undefined>): FusedRmspropResult | null {
  const hasBuffer = o.momentum > 0 && slots.momentumBuffer != null;
  const inputs = [param, grad, slots.squareAvg!];
  if (o.centered) inputs.push(slots.gradAvg!);
  if (hasBuffer) inputs.push(slots.momentumBuffer!);
  const attrs: RmspropAttrs = { ...pick(o), outputs: 2 + (o.centered ? 1 : 0) + (o.momentum > 0 ? 1 : 0), hasBuffer };
  const out = runFused(NAME, inputs, attrs, JS_LOOP_MAX); // scalar JS loop: small parameters only
  if (out == null) return null;
  const [p, squareAvg, ...rest] = out;
  const gradAvg = o.centered ? rest.shift() : undefined;
  return { param: p, squareAvg, gradAvg, momentumBuffer: rest.shift() };
}

const pick = ({ lr, alpha, eps, weightDecay, momentum, centered, epsInsideSqrt, maximize }: FusedRmspropOptions) =>
  ({ lr, alpha, eps, weightDecay, momentum, centered, epsInsideSqrt, maximize });

/** The fast step of `optim.RMSprop` for the optimizer hook: one fused kernel; null where it does not apply. */
export const fusedRmspropUpdate: FastUpdate<RMSpropOptions> = (o, param, grad, state) => {
  const fused = fusedRmsprop(o, param, grad, state.slots);
  if (fused == null) return null;
  state.slots.squareAvg.assign(fused.squareAvg);
  if (fused.gradAvg) state.slots.gradAvg.assign(fused.gradAvg);
  if (fused.momentumBuffer) setSlot(state, "momentumBuffer", fused.momentumBuffer);
  return fused.param;
};
