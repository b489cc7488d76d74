import { resolveOptions, nonNegative, positiveInt } from "../../core/options";
import { LRScheduler, requireOption, type Schedulable } from "./scheduler";

/** Options of {@link StepLR} (`torch.optim.lr_scheduler.StepLR`). */
export interface StepLROptions {
  /** Period, in steps, between decays; a positive integer. Required. */
  stepSize: number;
  /** Multiplicative decay, >= 0. Default 0.1. */
  gamma: number;
}

/**
 * Step decay: multiplies the lr by `gamma` every `stepSize` steps, lr_t = lr_0 * gamma^floor(t / stepSize).
 * Chainable like PyTorch: it multiplies the optimizer's current lr, so it composes with manual changes.
 *
 * @param optimizer - any optimizer with a mutable `lr` (every `optim.*` optimizer)
 * @param options - see {@link StepLROptions}
 * @throws Error `optim.StepLR: option stepSize is required, got undefined`
 * @throws Error `optim.StepLR: expected gamma >= 0, got -1`
 * @example
 * const opt = new optim.SGD({ lr: 0.1 });
 * const sched = new optim.StepLR(opt, { stepSize: 30, gamma: 0.1 });
 * for (let epoch = 0; epoch < 90; epoch++) { train(); sched.step(); }
 */
export class StepLR extends LRScheduler {
  readonly options: StepLROptions;

  constructor(optimizer: Schedulable, options: Pick<StepLROptions, "stepSize"> & Partial<StepLROptions>) {
    super(optimizer, "optim.StepLR");
    this.options = resolveOptions("optim.StepLR", options, { stepSize: NaN, gamma: 0.1 }, { stepSize: positiveInt, gamma: nonNegative });
    requireOption("optim.StepLR", this.options, "stepSize");
    this.start();
  }

  protected computeLr(): number {
    const t = this.lastEpoch;
    return t === 0 || t % this.options.stepSize !== 0 ? this.optimizer.lr : this.optimizer.lr * this.options.gamma;
  }
}
