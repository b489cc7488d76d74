import { tf } from "../backend";
import { TorchOptimizer, type BaseOptions, type ParamState } from "./optimizer";
import { betaPair, boolean, nonNegative } from "../core/options";

/** Options of {@link NAdam}: `torch.optim.NAdam` arguments in camelCase, same defaults. */
export interface NAdamOptions extends BaseOptions {
  /** Learning rate eta, >= 0. Default 2e-3. */
  lr: number;
  /** [beta1, beta2], each in [0, 1). Default [0.9, 0.999]. */
  betas: [number, number];
  /** Added to the root of the second moment. Default 1e-8. */
  eps: number;
  /** Weight decay lambda: coupled L2 unless `decoupledWeightDecay`. Default 0. */
  weightDecay: number;
  /** Momentum schedule psi: mu_t = beta1 * (1 - 0.5 * 0.96^(t * psi)). Default 4e-3. */
  momentumDecay: number;
  /** Decay the weights directly (w <- w * (1 - eta * lambda)), as AdamW. Default false. */
  decoupledWeightDecay: boolean;
  /** Ascend instead of descend. Default false. */
  maximize: boolean;
}

const DEFAULTS: NAdamOptions = {
  lr: 2e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, momentumDecay: 4e-3, decoupledWeightDecay: false, maximize: false,
};

/**
 * NAdam (Dozat 2016), as `torch.optim.NAdam`: Adam with Nesterov momentum, i.e. the step uses
 * the momentum the *next* step will have, plus a warming-up momentum schedule mu_t.
 *
 * ```
 * mu_t = beta1 * (1 - 0.5 * 0.96^(t * psi));   P_t = mu_1 * ... * mu_t
 * m_t = beta1 * m_{t-1} + (1 - beta1) * g;     v_t = beta2 * v_{t-1} + (1 - beta2) * g^2
 * d = sqrt(v_t / (1 - beta2^t)) + eps
 * w <- w - eta * (1 - mu_t) / (1 - P_t) * g / d - eta * mu_{t+1} / (1 - P_t * mu_{t+1}) * m_t / d
 * ```
 * The first term is the look-ahead part of Nesterov momentum (the lecture's "gradient at the
 * point momentum is about to take us"), the second the bias-corrected momentum itself.
 *
 * @param options - see {@link NAdamOptions}; unknown keys are rejected
 * @throws Error `optim.NAdam: expected momentumDecay >= 0, got -1` (likewise lr, eps, betas)
 * @example
 * const opt = new optim.NAdam({ lr: 2e-3, momentumDecay: 4e-3 });
 */
export class NAdam extends TorchOptimizer<NAdamOptions> {
  static get className(): string {
    return "dlcourse.NAdam";
  }
  protected readonly slots = ["expAvg", "expAvgSq"] as const;

  constructor(options?: Partial<NAdamOptions>) {
    super("optim.NAdam", options, { ...DEFAULTS, betas: [...DEFAULTS.betas] }, {
      betas: betaPair, eps: nonNegative, weightDecay: nonNegative, momentumDecay: nonNegative,
      decoupledWeightDecay: boolean, maximize: boolean,
    });
  }

  protected update(param: tf.Tensor, grad: tf.Tensor, state: ParamState): tf.Tensor {
    const { lr, betas: [beta1, beta2], eps, weightDecay, momentumDecay, decoupledWeightDecay } = this.options;
    const { expAvg, expAvgSq } = state.slots;
    const t = state.scalars.step;
    const w = decoupledWeightDecay && weightDecay !== 0 ? tf.mul(param, 1 - lr * weightDecay) : param;
    const g = this.decayedGrad(param, grad, decoupledWeightDecay ? 0 : weightDecay);
    const mu = beta1 * (1 - 0.5 * Math.pow(0.96, t * momentumDecay));
    const muNext = beta1 * (1 - 0.5 * Math.pow(0.96, (t + 1) * momentumDecay));
    // PyTorch keeps the product in a float32 tensor, so round it the same way.
    const muProduct = Math.fround((state.scalars.muProduct ?? 1) * mu);
    state.scalars.muProduct = muProduct;
    const m = tf.add(expAvg, tf.mul(tf.sub(g, expAvg), 1 - beta1));
    const v = tf.add(tf.mul(expAvgSq, beta2), tf.mul(tf.square(g), 1 - beta2));
    expAvg.assign(m);
    expAvgSq.assign(v);
    const denom = tf.add(tf.sqrt(tf.div(v, 1 - Math.pow(beta2, t))), eps);
    const gradCoef = (lr * (1 - mu)) / (1 - muProduct);
    const momCoef = (lr * muNext) / (1 - muProduct * muNext);
    return tf.sub(tf.sub(w, tf.mul(tf.div(g, denom), gradCoef)), tf.mul(tf.div(m, denom), momCoef));
  }
}

tf.serialization.registerClass(NAdam);
