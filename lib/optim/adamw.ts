import { tf } from "../backend";
import { TorchOptimizer, type ParamState } from "./optimizer";
import { ADAM_CHECKS, ADAM_DEFAULTS, adamSlots, adamStep, type AdamOptions } from "./adam";

/** Options of {@link AdamW}: as {@link AdamOptions} but decay is always decoupled; weightDecay defaults to 1e-2. */
export type AdamWOptions = Omit<AdamOptions, "decoupledWeightDecay">;

const DEFAULTS: AdamWOptions = { ...ADAM_DEFAULTS, weightDecay: 1e-2 };
delete (DEFAULTS as Partial<AdamOptions>).decoupledWeightDecay;

/**
 * AdamW (Loshchilov & Hutter 2019), as `torch.optim.AdamW`: Adam with decoupled weight decay.
 *
 * ```
 * w <- w * (1 - eta * lambda)        (decay applied to the weights, not added to the gradient)
 * then the Adam step of {@link Adam} with the raw gradient g
 * ```
 * With coupled L2 (Adam's `weightDecay`), the penalty gradient lambda * w is divided by
 * sqrt(v_hat) like every other gradient, so weights with large gradients are barely decayed;
 * AdamW shrinks every weight by the same factor, which is what "weight decay" means in SGD.
 *
 * @param options - see {@link AdamWOptions}; unknown keys (including `decoupledWeightDecay`) are rejected
 * @throws Error `optim.AdamW: expected betas [beta1, beta2] with each in [0, 1), got [0.9, 1]`
 * @example
 * const opt = new optim.AdamW({ lr: 1e-3, weightDecay: 0.05 });
 */
export class AdamW extends TorchOptimizer<AdamWOptions> {
  static get className(): string {
    return "dlcourse.AdamW";
  }
  protected get slots(): string[] {
    return adamSlots(this.options.amsgrad);
  }

  constructor(options?: Partial<AdamWOptions>) {
    super("optim.AdamW", options, { ...DEFAULTS, betas: [...DEFAULTS.betas] }, ADAM_CHECKS);
  }

  protected update(param: tf.Tensor, grad: tf.Tensor, state: ParamState): tf.Tensor {
    return adamStep({ ...this.options, decoupledWeightDecay: true }, param, grad, state);
  }
}

tf.serialization.registerClass(AdamW);
