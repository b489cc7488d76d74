import { tf } from "../backend";
import { TorchOptimizer, type BaseOptions, type ParamState } from "./optimizer";
import { boolean, closedUnit, nonNegative } from "../core/options";

/** Options of {@link Adadelta}: `torch.optim.Adadelta` arguments in camelCase, same defaults. */
export interface AdadeltaOptions extends BaseOptions {
  /** Scale applied to the computed step, >= 0. Default 1.0 (Zeiler's method has no lr). */
  lr: number;
  /** Decay rho of both running averages, in [0, 1]. Default 0.9 (Keras: 0.95). */
  rho: number;
  /** Added inside both square roots. Default 1e-6. */
  eps: number;
  /** Coupled L2 penalty lambda (g <- g + lambda * w). Default 0. */
  weightDecay: number;
  /** Ascend instead of descend. Default false. */
  maximize: boolean;
}

const DEFAULTS: AdadeltaOptions = { lr: 1, rho: 0.9, eps: 1e-6, weightDecay: 0, maximize: false };

/**
 * Adadelta (Zeiler 2012), as `torch.optim.Adadelta`: RMSprop whose step is rescaled by a running
 * RMS of past steps, so the update has the units of the parameter.
 *
 * ```
 * g <- g + lambda * w
 * E[g^2]_t  = rho * E[g^2]_{t-1} + (1 - rho) * g^2
 * dx        = sqrt(E[dx^2]_{t-1} + eps) / sqrt(E[g^2]_t + eps) * g
 * E[dx^2]_t = rho * E[dx^2]_{t-1} + (1 - rho) * dx^2
 * w <- w - lr * dx
 * ```
 * The lecture names Adadelta as "AdaGrad with a smoothed cache" alongside RMSprop; here eps sits
 * inside the roots, as in the paper and PyTorch.
 *
 * @param options - see {@link AdadeltaOptions}; unknown keys are rejected
 * @throws Error `optim.Adadelta: expected rho in [0, 1], got 1.5` (likewise for lr, eps, weightDecay)
 * @example
 * const opt = new optim.Adadelta({ rho: 0.95 });
 */
export class Adadelta extends TorchOptimizer<AdadeltaOptions> {
  static get className(): string {
    return "dlcourse.Adadelta";
  }
  protected readonly slots = ["squareAvg", "accDelta"] as const;

  constructor(options?: Partial<AdadeltaOptions>) {
    super("optim.Adadelta", options, DEFAULTS, { rho: closedUnit, eps: nonNegative, weightDecay: nonNegative, maximize: boolean });
  }

  protected update(param: tf.Tensor, grad: tf.Tensor, state: ParamState): tf.Tensor {
    const { lr, rho, eps, weightDecay } = this.options;
    const { squareAvg, accDelta } = state.slots;
    const g = this.decayedGrad(param, grad, weightDecay);
    const sq = tf.add(tf.mul(squareAvg, rho), tf.mul(tf.square(g), 1 - rho));
    const delta = tf.mul(tf.div(tf.sqrt(tf.add(accDelta, eps)), tf.sqrt(tf.add(sq, eps))), g);
    squareAvg.assign(sq);
    accDelta.assign(tf.add(tf.mul(accDelta, rho), tf.mul(tf.square(delta), 1 - rho)));
    return tf.sub(param, tf.mul(delta, lr));
  }
}

tf.serialization.registerClass(Adadelta);
