import { boolean, closedUnit, nonNegative, oneOf, positive, positiveInt, resolveOptions } from "../../core/options";
import { LRScheduler, requireMomentum, requireOption, type Schedulable } from "./scheduler";

/** Options of {@link CyclicLR} (`torch.optim.lr_scheduler.CyclicLR`, Smith 2015). */
export interface CyclicLROptions {
  /** Lower lr bound of the cycle, >= 0. Required. */
  baseLr: number;
  /** Upper lr bound (the amplitude is maxLr - baseLr), >= 0. Required. */
  maxLr: number;
  /** Steps in the increasing half of a cycle. Default 2000. */
  stepSizeUp: number;
  /** Steps in the decreasing half; default (null) = stepSizeUp. */
  stepSizeDown: number | null;
  /** "triangular" (constant amplitude), "triangular2" (halved every cycle), "exp_range" (gamma^step). Default "triangular". */
  mode: "triangular" | "triangular2" | "exp_range";
  /** Base of "exp_range"'s amplitude decay gamma^iterations, in (0, ...). Default 1. */
  gamma: number;
  /** Custom amplitude scale, overriding `mode`; evaluated at the cycle number or the step (`scaleMode`). */
  scaleFn: ((x: number) => number) | null;
  /** What `scaleFn` receives: "cycle" (1, 2, ...) or "iterations" (the step). Default "cycle". */
  scaleMode: "cycle" | "iterations" | null;
  /** Cycle momentum inversely to the lr between maxMomentum and baseMomentum. Default true. */
  cycleMomentum: boolean;
  /** Momentum at the lr peak, in [0, 1]. Default 0.8. */
  baseMomentum: number;
  /** Momentum at the lr trough, in [0, 1]. Default 0.9. */
  maxMomentum: number;
}

const DEFAULTS: CyclicLROptions = {
  baseLr: NaN, maxLr: NaN, stepSizeUp: 2000, stepSizeDown: null, mode: "triangular", gamma: 1, scaleFn: null,
  scaleMode: null, cycleMomentum: true, baseMomentum: 0.8, maxMomentum: 0.9,
};

/**
 * Cyclical learning rate: the lr climbs linearly from baseLr to maxLr over stepSizeUp steps,
 * falls back over stepSizeDown, and repeats; the lecture's remedy for sitting in a local minimum
 * or on a saddle. Call `step()` after every batch. Momentum (or Adam's beta1) cycles the other way.
 *
 * ```
 * cycle = floor(1 + t / (up + down));  x = 1 + t / (up + down) - cycle
 * s = x <= r ? x / r : (x - 1) / (r - 1)          (r = up / (up + down); s rises 0->1, falls 1->0)
 * lr = baseLr + (maxLr - baseLr) * s * scale      (scale: 1 | 1 / 2^(cycle - 1) | gamma^t)
 * ```
 * @param optimizer - an optimizer with mutable `lr` (and `momentum` unless cycleMomentum is false)
 * @param options - see {@link CyclicLROptions}
 * @throws Error `optim.CyclicLR: option baseLr is required, got NaN` (likewise maxLr)
 * @throws Error `optim.CyclicLR: cycleMomentum needs an optimizer with momentum or betas ...`
 * @example
 * const opt = new optim.SGD({ lr: 0.01, momentum: 0.9, nesterov: true });
 * const sched = new optim.CyclicLR(opt, { baseLr: 1e-3, maxLr: 0.1, stepSizeUp: 4 * stepsPerEpoch });
 */
export class CyclicLR extends LRScheduler {
  readonly options: CyclicLROptions;

  constructor(optimizer: Schedulable, options: Pick<CyclicLROptions, "baseLr" | "maxLr"> & Partial<CyclicLROptions>) {
    super(optimizer, "optim.CyclicLR");
    const where = "optim.CyclicLR";
    this.options = resolveOptions(where, options, DEFAULTS, {
      baseLr: nonNegative, maxLr: nonNegative, stepSizeUp: positiveInt, mode: oneOf("triangular", "triangular2", "exp_range"),
      gamma: positive, cycleMomentum: boolean, baseMomentum: closedUnit, maxMomentum: closedUnit,
    });
    for (const key of ["baseLr", "maxLr"]) requireOption(where, this.options, key);
    const down = this.options.stepSizeDown;
    if (down != null && positiveInt(down) != null) throw new Error(`${where}: expected stepSizeDown a positive integer or null, got ${down}`);
    optimizer.lr = this.options.baseLr;
    if (this.options.cycleMomentum) {
      requireMomentum(where, optimizer);
      optimizer.momentum = this.options.maxMomentum;
    }
    this.start();
  }

  private scale(cycle: number): number {
    const { scaleFn, scaleMode, mode, gamma } = this.options;
    // As in PyTorch, the built-in modes fix their own scale mode; scaleMode only applies to scaleFn.
    const byIterations = scaleFn == null ? mode === "exp_range" : scaleMode === "iterations";
    const x = byIterations ? this.lastEpoch : cycle;
    if (scaleFn != null) return scaleFn(x);
    if (mode === "triangular2") return 1 / Math.pow(2, x - 1);
    if (mode === "exp_range") return Math.pow(gamma, x);
    return 1;
  }

  protected computeLr(): number {
    const { baseLr, maxLr, stepSizeUp, stepSizeDown, cycleMomentum, baseMomentum, maxMomentum } = this.options;
    const total = stepSizeUp + (stepSizeDown ?? stepSizeUp);
    const ratio = stepSizeUp / total;
    const cycle = Math.floor(1 + this.lastEpoch / total);
    const x = 1 + this.lastEpoch / total - cycle;
    const s = x <= ratio ? x / ratio : (x - 1) / (ratio - 1);
    const scale = this.scale(cycle);
    if (cycleMomentum) this.optimizer.momentum = maxMomentum - (maxMomentum - baseMomentum) * s * scale;
    return baseLr + (maxLr - baseLr) * s * scale;
  }
}
