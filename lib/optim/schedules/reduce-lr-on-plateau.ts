import { nonNegative, nonNegativeInt, oneOf, resolveOptions } from "../../core/options";
import type { Schedulable, Schedule } from "./scheduler";

/** Options of {@link ReduceLROnPlateau} (`torch.optim.lr_scheduler.ReduceLROnPlateau`). */
export interface ReduceLROnPlateauOptions {
  /** "min": the metric should fall (a loss); "max": rise (an accuracy). Default "min". */
  mode: "min" | "max";
  /** lr <- lr * factor on a plateau, in [0, 1). Default 0.1. */
  factor: number;
  /** Steps without improvement tolerated before reducing (the reduction happens on step patience + 1). Default 10. */
  patience: number;
  /** Smallest change that counts as an improvement, see `thresholdMode`. Default 1e-4. */
  threshold: number;
  /** "rel": better than best * (1 -/+ threshold); "abs": better than best -/+ threshold. Default "rel". */
  thresholdMode: "rel" | "abs";
  /** Steps to wait after a reduction before counting bad steps again. Default 0. */
  cooldown: number;
  /** Lower bound on the lr. Default 0. */
  minLr: number;
  /** Reductions smaller than eps are skipped. Default 1e-8. */
  eps: number;
}

const DEFAULTS: ReduceLROnPlateauOptions = {
  mode: "min", factor: 0.1, patience: 10, threshold: 1e-4, thresholdMode: "rel", cooldown: 0, minLr: 0, eps: 1e-8,
};

/**
 * Cuts the lr by `factor` when a monitored metric has stopped improving for `patience` steps
 * (usually epochs, with the validation loss), exactly as PyTorch counts them.
 *
 * @param optimizer - any optimizer with a mutable `lr`
 * @param options - see {@link ReduceLROnPlateauOptions}
 * @throws Error `optim.ReduceLROnPlateau: expected factor in [0, 1), got 1.5`
 * @throws Error `optim.ReduceLROnPlateau.step: expected the metric as a finite number, got undefined`
 * @example
 * const sched = new optim.ReduceLROnPlateau(opt, { patience: 2, factor: 0.5 });
 * sched.step(valLoss); // once per epoch
 */
export class ReduceLROnPlateau implements Schedule {
  readonly options: ReduceLROnPlateauOptions;
  /** Best metric so far. */
  best: number;
  /** Consecutive steps without improvement. */
  numBadEpochs = 0;
  /** Steps of cooldown left. */
  cooldownCounter = 0;
  /** Number of `step()` calls. */
  lastEpoch = 0;
  /** `step` takes the monitored metric. */
  readonly metricDriven = true;

  constructor(readonly optimizer: Schedulable, options?: Partial<ReduceLROnPlateauOptions>) {
    const where = "optim.ReduceLROnPlateau";
    if (optimizer == null || typeof optimizer.lr !== "number") throw new Error(`${where}: expected an optimizer with a numeric lr, got ${String(optimizer)}`);
    this.options = resolveOptions(where, options, DEFAULTS, {
      mode: oneOf("min", "max"), thresholdMode: oneOf("rel", "abs"), patience: nonNegativeInt, cooldown: nonNegativeInt,
      threshold: nonNegative, minLr: nonNegative, eps: nonNegative,
      factor: (v) => (typeof v === "number" && v >= 0 && v < 1 ? null : "in [0, 1)"),
    });
    this.best = this.options.mode === "min" ? Infinity : -Infinity;
  }

  private isBetter(a: number): boolean {
    const { mode, threshold, thresholdMode } = this.options;
    const best = this.best;
    if (mode === "min") return thresholdMode === "rel" ? a < best * (1 - threshold) : a < best - threshold;
    return thresholdMode === "rel" ? a > best * (threshold + 1) : a > best + threshold;
  }

  /** Records one value of the metric and reduces the lr if it has plateaued. */
  step(metric?: number): void {
    if (typeof metric !== "number" || Number.isNaN(metric)) {
      throw new Error(`optim.ReduceLROnPlateau.step: expected the metric as a finite number, got ${String(metric)}`);
    }
    this.lastEpoch += 1;
    if (this.isBetter(metric)) {
      this.best = metric;
      this.numBadEpochs = 0;
    } else {
      this.numBadEpochs += 1;
    }
    if (this.cooldownCounter > 0) {
      this.cooldownCounter -= 1;
      this.numBadEpochs = 0; // bad epochs during cooldown do not count
    }
    if (this.numBadEpochs > this.options.patience) {
      const old = this.optimizer.lr;
      const next = Math.max(old * this.options.factor, this.options.minLr);
      if (old - next > this.options.eps) this.optimizer.lr = next;
      this.cooldownCounter = this.options.cooldown;
      this.numBadEpochs = 0;
    }
  }

  getLastLr(): number {
    return this.optimizer.lr;
  }
}
