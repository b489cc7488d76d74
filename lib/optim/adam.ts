/**
 * Adam (Kingma & Ba 2014), as `torch.optim.Adam`; for one parameter w with gradient g at step t:
 *
 * ```
 * m_t = beta1 * m_{t-1} + (1 - beta1) * g          written m + (g - m) * (1 - beta1): a lerp
 * v_t = beta2 * v_{t-1} + (1 - beta2) * g^2
 * w  <- w - eta * (m_t / (1 - beta1^t)) / (sqrt(v_t / (1 - beta2^t)) + eps)
 * ```
 * The first line is computed as PyTorch does (`exp_avg.lerp_(grad, 1 - beta1)`): moving m a
 * fraction (1 - beta1) of the way towards g is the same average, and the same float32 rounding
 * as PyTorch's, which the fixtures compare to 1e-6. This file holds only the rule; on wasm the
 * same rule runs as one fused kernel (lib/engine/fused/adam.ts) through the optimizer hook.
 */
import { tf } from "../backend";
import { TorchOptimizer, type ParamState } from "./optimizer";
import type { AdamOptions } from "./types";

export type { AdamOptions };
import { betaPair, boolean, nonNegative } from "../core/options";


export const ADAM_DEFAULTS: AdamOptions = {
  lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, amsgrad: false, decoupledWeightDecay: false,
  epsInsideSqrt: false, maximize: false,
};

export const ADAM_CHECKS = {
  betas: betaPair, eps: nonNegative, weightDecay: nonNegative, amsgrad: boolean, decoupledWeightDecay: boolean,
  epsInsideSqrt: boolean, maximize: boolean,
};

/** Adam's and AdamW's state slots: the moments m and v, plus AMSGrad's running max of v. */
export function adamSlots(amsgrad: boolean): string[] {
  return amsgrad ? ["expAvg", "expAvgSq", "maxExpAvgSq"] : ["expAvg", "expAvgSq"];
}

/**
 * The Adam/AdamW step for one parameter, shared by {@link Adam} and {@link AdamW}.
 * Slots: `expAvg` (m), `expAvgSq` (v), `maxExpAvgSq` (AMSGrad's running max of v).
 */
export function adamStep(o: AdamOptions, param: tf.Tensor, grad: tf.Tensor, state: ParamState): tf.Tensor {
  const [beta1, beta2] = o.betas;
  const t = state.scalars.step;
  const g0 = o.maximize ? tf.neg(grad) : grad;
  const decoupled = o.decoupledWeightDecay && o.weightDecay !== 0;
  const w = decoupled ? tf.mul(param, 1 - o.lr * o.weightDecay) : param;
  const g = !o.decoupledWeightDecay && o.weightDecay !== 0 ? tf.add(g0, tf.mul(param, o.weightDecay)) : g0;
  const { expAvg, expAvgSq, maxExpAvgSq } = state.slots;
  const m = tf.add(expAvg, tf.mul(tf.sub(g, expAvg), 1 - beta1)); // lerp(m, g, 1 - beta1)
  let v = tf.add(tf.mul(expAvgSq, beta2), tf.mul(tf.square(g), 1 - beta2));
  expAvg.assign(m);
  expAvgSq.assign(v);
  if (o.amsgrad) {
    v = tf.maximum(maxExpAvgSq, v);
    maxExpAvgSq.assign(v);
  }
  const bc1 = 1 - Math.pow(beta1, t);
  const bc2 = 1 - Math.pow(beta2, t);
  const denom = o.epsInsideSqrt ? tf.sqrt(tf.add(tf.div(v, bc2), o.eps)) : tf.add(tf.div(tf.sqrt(v), Math.sqrt(bc2)), o.eps);
  return tf.sub(w, tf.mul(tf.div(m, denom), o.lr / bc1));
}

/**
 * Adam (Kingma & Ba 2014), as `torch.optim.Adam`: momentum on the gradient plus RMSprop's
 * per-coordinate scaling, both bias-corrected.
 *
 * ```
 * g <- g + lambda * w                       (coupled weightDecay)
 * m_t = beta1 * m_{t-1} + (1 - beta1) * g
 * v_t = beta2 * v_{t-1} + (1 - beta2) * g^2  (amsgrad: v_t <- max(v_max, v_t))
 * w <- w - eta * (m_t / (1 - beta1^t)) / (sqrt(v_t / (1 - beta2^t)) + eps)
 * ```
 * Lecture: `V = beta1 V + (1 - beta1) dW`, `S = beta2 S + (1 - beta2) dW^2`, bias-corrected
 * `V/(1 - beta1^t)`, `S/(1 - beta2^t)`, then `W = W - alpha * V^corr / sqrt(S^corr + eps)`: the
 * same with eps inside the root (`epsInsideSqrt: true`). Another lecture slide omits the bias
 * correction; early steps then are too small by a factor 1 - beta1^t. L2 weight decay here is
 * coupled, so it is rescaled by the adaptive denominator; see {@link AdamW} for the decoupled form.
 *
 * @param options - see {@link AdamOptions}; unknown keys are rejected
 * @throws Error `optim.Adam: expected betas [beta1, beta2] with each in [0, 1), got [1, 0.999]`
 * @throws Error `optim.Adam: expected lr >= 0, got -1` (likewise eps, weightDecay)
 * @example
 * const opt = new optim.Adam({ lr: 3e-4, amsgrad: true });
 */
export class Adam extends TorchOptimizer<AdamOptions> {
  static get className(): string {
    return "dlcourse.Adam";
  }
  protected get slots(): string[] {
    return adamSlots(this.options.amsgrad);
  }

  constructor(options?: Partial<AdamOptions>) {
    super("optim.Adam", options, { ...ADAM_DEFAULTS, betas: [...ADAM_DEFAULTS.betas] }, ADAM_CHECKS);
  }

  protected update(param: tf.Tensor, grad: tf.Tensor, state: ParamState): tf.Tensor {
    return adamStep(this.options, param, grad, state);
  }
}

tf.serialization.registerClass(Adam);
