import { tf } from "../backend";
import { TorchOptimizer, type BaseOptions, type ParamState } from "./optimizer";
import { boolean, nonNegative } from "../core/options";

/** Options of {@link Adagrad}: `torch.optim.Adagrad` arguments in camelCase, same defaults. */
export interface AdagradOptions extends BaseOptions {
  /** Learning rate eta, >= 0. Default 1e-2. */
  lr: number;
  /** Learning-rate decay: step t uses eta / (1 + (t - 1) * lrDecay). Default 0. */
  lrDecay: number;
  /** Coupled L2 penalty lambda (g <- g + lambda * w). Default 0. */
  weightDecay: number;
  /** Starting value G_0 of the sum of squared gradients. Default 0 (Keras uses 0.1). */
  initialAccumulatorValue: number;
  /** Added to sqrt(G) for stability. Default 1e-10. */
  eps: number;
  /** Lecture form `sqrt(G + eps)` instead of PyTorch's `sqrt(G) + eps`. Default false. */
  epsInsideSqrt: boolean;
  /** Ascend instead of descend. Default false. */
  maximize: boolean;
}

const DEFAULTS: AdagradOptions = {
  lr: 1e-2, lrDecay: 0, weightDecay: 0, initialAccumulatorValue: 0, eps: 1e-10, epsInsideSqrt: false, maximize: false,
};

/**
 * AdaGrad: per-coordinate step sizes shrinking with the sum of squared gradients, as
 * `torch.optim.Adagrad`.
 *
 * ```
 * g <- g + lambda * w
 * G_t = G_{t-1} + g^2                    (G_0 = initialAccumulatorValue)
 * w <- w - eta_t * g / (sqrt(G_t) + eps)  (eta_t = lr / (1 + (t - 1) * lrDecay))
 * ```
 * Lecture: `G_t^j = G_{t-1}^j + g_tj^2`, `w_t^j = w_{t-1}^j - eta / sqrt(G_t^j + eps) * g_t^j`:
 * the same rule with eps inside the root (set `epsInsideSqrt: true` to reproduce it exactly).
 * One lecture version divides by `cache + eps` without a root; that is a typo, the root is what
 * makes the step scale-free. Since G never decreases, steps only shrink: RMSprop's motivation.
 *
 * @param options - see {@link AdagradOptions}; unknown keys are rejected
 * @throws Error `optim.Adagrad: expected lr >= 0, got -1` (likewise for the other numbers)
 * @example
 * const opt = new optim.Adagrad({ lr: 0.1, initialAccumulatorValue: 0.1 });
 */
export class Adagrad extends TorchOptimizer<AdagradOptions> {
  static get className(): string {
    return "dlcourse.Adagrad";
  }
  protected readonly slots = ["sum"] as const;

  constructor(options?: Partial<AdagradOptions>) {
    super("optim.Adagrad", options, DEFAULTS, {
      lrDecay: nonNegative,
      weightDecay: nonNegative,
      initialAccumulatorValue: nonNegative,
      eps: nonNegative,
      epsInsideSqrt: boolean,
      maximize: boolean,
    });
  }

  protected override initSlot(_slot: string, param: tf.Tensor): tf.Tensor {
    return tf.fill(param.shape, this.options.initialAccumulatorValue);
  }

  protected update(param: tf.Tensor, grad: tf.Tensor, state: ParamState): tf.Tensor {
    const { lr, lrDecay, weightDecay, eps, epsInsideSqrt } = this.options;
    const g = this.decayedGrad(param, grad, weightDecay);
    const clr = lr / (1 + (state.scalars.step - 1) * lrDecay);
    const sum = tf.add(state.slots.sum, tf.square(g));
    state.slots.sum.assign(sum);
    const std = epsInsideSqrt ? tf.sqrt(tf.add(sum, eps)) : tf.add(tf.sqrt(sum), eps);
    return tf.sub(param, tf.mul(tf.div(g, std), clr));
  }
}

tf.serialization.registerClass(Adagrad);
