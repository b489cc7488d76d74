import { resolveOptions, nonNegative } from "../../core/options";
import { LRScheduler, requireOption, type Schedulable } from "./scheduler";

/** Options of {@link ExponentialLR} (`torch.optim.lr_scheduler.ExponentialLR`). */
export interface ExponentialLROptions {
  /** Multiplicative decay per step, >= 0. Required. */
  gamma: number;
}

/**
 * Exponential decay: lr_t = lr_0 * gamma^t, applied by multiplying the current lr each step.
 *
 * @param optimizer - any optimizer with a mutable `lr`
 * @param options - see {@link ExponentialLROptions}
 * @throws Error `optim.ExponentialLR: option gamma is required, got undefined`
 * @example
 * const sched = new optim.ExponentialLR(new optim.Adam({ lr: 1e-2 }), { gamma: 0.95 });
 */
export class ExponentialLR extends LRScheduler {
  readonly options: ExponentialLROptions;

  constructor(optimizer: Schedulable, options: Pick<ExponentialLROptions, "gamma"> & Partial<ExponentialLROptions>) {
    super(optimizer, "optim.ExponentialLR");
    this.options = resolveOptions("optim.ExponentialLR", options, { gamma: NaN }, { gamma: nonNegative });
    requireOption("optim.ExponentialLR", this.options, "gamma");
    this.start();
  }

  protected computeLr(): number {
    return this.lastEpoch === 0 ? this.optimizer.lr : this.optimizer.lr * this.options.gamma;
  }
}
