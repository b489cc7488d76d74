import { tf } from "../backend";
import { TorchOptimizer, type BaseOptions, type ParamState } from "./optimizer";
import { betaPair, boolean, nonNegative } from "../core/options";

/** Options of {@link Adamax}: `torch.optim.Adamax` arguments in camelCase, same defaults. */
export interface AdamaxOptions extends BaseOptions {
  /** Learning rate eta, >= 0. Default 2e-3. */
  lr: number;
  /** [beta1, beta2], each in [0, 1). Default [0.9, 0.999]. */
  betas: [number, number];
  /** Added to |g| before the running max. Default 1e-8. */
  eps: number;
  /** Coupled L2 penalty lambda (g <- g + lambda * w). Default 0. */
  weightDecay: number;
  /** Ascend instead of descend. Default false. */
  maximize: boolean;
}

const DEFAULTS: AdamaxOptions = { lr: 2e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, maximize: false };

/**
 * Adamax (Kingma & Ba 2014, section 7.1), as `torch.optim.Adamax`: Adam with the L2 norm of past
 * gradients replaced by an (exponentially weighted) infinity norm.
 *
 * ```
 * g <- g + lambda * w
 * m_t = beta1 * m_{t-1} + (1 - beta1) * g
 * u_t = max(beta2 * u_{t-1}, |g| + eps)
 * w <- w - eta / (1 - beta1^t) * m_t / u_t
 * ```
 * u needs no bias correction: a max is not pulled towards its zero start the way an average is.
 *
 * @param options - see {@link AdamaxOptions}; unknown keys are rejected
 * @throws Error `optim.Adamax: expected betas [beta1, beta2] with each in [0, 1), got [0.9]`
 * @example
 * const opt = new optim.Adamax({ lr: 2e-3 });
 */
export class Adamax extends TorchOptimizer<AdamaxOptions> {
  static get className(): string {
    return "dlcourse.Adamax";
  }
  protected readonly slots = ["expAvg", "expInf"] as const;

  constructor(options?: Partial<AdamaxOptions>) {
    super("optim.Adamax", options, { ...DEFAULTS, betas: [...DEFAULTS.betas] }, {
      betas: betaPair, eps: nonNegative, weightDecay: nonNegative, maximize: boolean,
    });
  }

  protected update(param: tf.Tensor, grad: tf.Tensor, state: ParamState): tf.Tensor {
    const { lr, betas: [beta1, beta2], eps, weightDecay } = this.options;
    const { expAvg, expInf } = state.slots;
    const g = this.decayedGrad(param, grad, weightDecay);
    const m = tf.add(expAvg, tf.mul(tf.sub(g, expAvg), 1 - beta1));
    const u = tf.maximum(tf.mul(expInf, beta2), tf.add(tf.abs(g), eps));
    expAvg.assign(m);
    expInf.assign(u);
    const clr = lr / (1 - Math.pow(beta1, state.scalars.step));
    return tf.sub(param, tf.mul(tf.div(m, u), clr));
  }
}

tf.serialization.registerClass(Adamax);
