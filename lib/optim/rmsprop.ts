/**
 * RMSprop (Hinton's lecture 6e), as `torch.optim.RMSprop`; for a parameter w with gradient g:
 *
 * ```
 * G_t = alpha * G_{t-1} + (1 - alpha) * g^2
 * w  <- w - eta * g / (sqrt(G_t) + eps)
 * ```
 * This file holds only the rule; on wasm the same rule runs as one fused kernel
 * (lib/engine/fused/rmsprop.ts) through the optimizer hook (./update-hook.ts).
 */
import { tf } from "../backend";
import { TorchOptimizer, type ParamState } from "./optimizer";
import type { RMSpropOptions } from "./types";

export type { RMSpropOptions };
import { boolean, closedUnit, nonNegative } from "../core/options";


const DEFAULTS: RMSpropOptions = {
  lr: 1e-2, alpha: 0.99, eps: 1e-8, weightDecay: 0, momentum: 0, centered: false, epsInsideSqrt: false, maximize: false,
};

/**
 * RMSprop (Hinton's lecture 6e), as `torch.optim.RMSprop`.
 *
 * ```
 * g <- g + lambda * w
 * G_t = alpha * G_{t-1} + (1 - alpha) * g^2
 * centered: m_t = alpha * m_{t-1} + (1 - alpha) * g;  G~ = G_t - m_t^2   else G~ = G_t
 * s = g / (sqrt(G~) + eps)
 * momentum > 0: b_t = mu * b_{t-1} + s;  w <- w - eta * b_t      else  w <- w - eta * s
 * ```
 * Lecture: `G_t = alpha * G_{t-1} + (1 - alpha) * g_t^2`, `w_t = w_{t-1} - eta / sqrt(G_t + eps) * g_t`
 * with alpha ~ 0.9; PyTorch defaults to alpha = 0.99 and adds eps outside the root
 * (`epsInsideSqrt: true` gives the lecture form).
 *
 * @param options - see {@link RMSpropOptions}; unknown keys are rejected
 * @throws Error `optim.RMSprop: expected alpha in [0, 1], got 2` (likewise for the other numbers)
 * @example
 * const opt = new optim.RMSprop({ lr: 1e-3, alpha: 0.9, centered: true });
 */
export class RMSprop extends TorchOptimizer<RMSpropOptions> {
  static get className(): string {
    return "dlcourse.RMSprop";
  }
  protected get slots(): string[] {
    return this.options.centered ? ["squareAvg", "gradAvg", "momentumBuffer"] : ["squareAvg", "momentumBuffer"];
  }

  /** The momentum buffer waits for the first step with momentum > 0 (PyTorch: only if momentum > 0). */
  protected override initSlot(slot: string, param: tf.Tensor): tf.Tensor | null {
    return slot === "momentumBuffer" ? null : tf.zerosLike(param);
  }

  constructor(options?: Partial<RMSpropOptions>) {
    super("optim.RMSprop", options, DEFAULTS, {
      alpha: closedUnit,
      eps: nonNegative,
      weightDecay: nonNegative,
      momentum: nonNegative,
      centered: boolean,
      epsInsideSqrt: boolean,
      maximize: boolean,
    });
  }

  protected update(param: tf.Tensor, grad: tf.Tensor, state: ParamState): tf.Tensor {
    const { lr, alpha, eps, weightDecay, momentum, centered, epsInsideSqrt } = this.options;
    const { squareAvg, gradAvg, momentumBuffer } = state.slots;
    const g = this.decayedGrad(param, grad, weightDecay);
    let second = tf.add(tf.mul(squareAvg, alpha), tf.mul(tf.square(g), 1 - alpha));
    squareAvg.assign(second);
    if (centered) {
      const mean = tf.add(tf.mul(gradAvg, alpha), tf.mul(g, 1 - alpha));
      gradAvg.assign(mean);
      second = tf.sub(second, tf.square(mean));
    }
    const denom = epsInsideSqrt ? tf.sqrt(tf.add(second, eps)) : tf.add(tf.sqrt(second), eps);
    let step = tf.div(g, denom);
    if (momentum > 0) {
      // A new buffer starts at 0 as in PyTorch, so its first value is the step itself.
      if (momentumBuffer != null) step = tf.add(tf.mul(momentumBuffer, momentum), step);
      this.setSlot(state, "momentumBuffer", step);
    }
    return tf.sub(param, tf.mul(step, lr));
  }
}

tf.serialization.registerClass(RMSprop);
