import { boolean, closedUnit, nonNegative, oneOf, positive, positiveInt, resolveOptions } from "../../core/options";
import { LRScheduler, requireMomentum, requireOption, type Schedulable } from "./scheduler";

/** Options of {@link OneCycleLR} (`torch.optim.lr_scheduler.OneCycleLR`, Smith & Topin 2018). */
export interface OneCycleLROptions {
  /** Peak lr, > 0. Required. */
  maxLr: number;
  /** Length of the schedule in steps; or give `epochs` and `stepsPerEpoch`. */
  totalSteps: number | null;
  /** Epochs, used with `stepsPerEpoch` when `totalSteps` is null. */
  epochs: number | null;
  /** Batches per epoch, used with `epochs`. */
  stepsPerEpoch: number | null;
  /** Fraction of the steps spent increasing the lr, in [0, 1]. Default 0.3. */
  pctStart: number;
  /** "cos" or "linear" annealing between phase ends. Default "cos". */
  annealStrategy: "cos" | "linear";
  /** Cycle momentum inversely to the lr. Default true. */
  cycleMomentum: boolean;
  /** Momentum at the lr peak. Default 0.85. */
  baseMomentum: number;
  /** Momentum at the start and end. Default 0.95. */
  maxMomentum: number;
  /** Initial lr = maxLr / divFactor. Default 25. */
  divFactor: number;
  /** Final lr = initial lr / finalDivFactor. Default 1e4. */
  finalDivFactor: number;
  /** Three phases (up, back down to the initial lr, then to the final lr) instead of two. Default false. */
  threePhase: boolean;
}

const DEFAULTS: OneCycleLROptions = {
  maxLr: NaN, totalSteps: null, epochs: null, stepsPerEpoch: null, pctStart: 0.3, annealStrategy: "cos", cycleMomentum: true,
  baseMomentum: 0.85, maxMomentum: 0.95, divFactor: 25, finalDivFactor: 1e4, threePhase: false,
};

interface Phase { end: number; from: "initial" | "max" | "min"; to: "initial" | "max" | "min"; momFrom: "max" | "base"; momTo: "max" | "base" }

/**
 * The 1cycle policy: one warm-up from maxLr / divFactor to maxLr over pctStart of the steps, then
 * annealing to maxLr / (divFactor * finalDivFactor), with momentum moving the opposite way.
 * Call `step()` after every batch; stepping past `totalSteps` throws, as in PyTorch.
 *
 * @param optimizer - an optimizer with mutable `lr` (and `momentum` unless cycleMomentum is false)
 * @param options - see {@link OneCycleLROptions}
 * @throws Error `optim.OneCycleLR: give totalSteps, or epochs and stepsPerEpoch`
 * @throws Error `optim.OneCycleLR: stepped 21 times, past totalSteps 20` on an extra `step()`
 * @example
 * const sched = new optim.OneCycleLR(opt, { maxLr: 0.1, epochs: 10, stepsPerEpoch: 50 });
 */
export class OneCycleLR extends LRScheduler {
  readonly options: OneCycleLROptions;
  readonly totalSteps: number;
  private readonly phases: Phase[];

  constructor(optimizer: Schedulable, options: Pick<OneCycleLROptions, "maxLr"> & Partial<OneCycleLROptions>) {
    super(optimizer, "optim.OneCycleLR");
    const where = "optim.OneCycleLR";
    const o = (this.options = resolveOptions(where, options, DEFAULTS, {
      maxLr: positive, pctStart: closedUnit, annealStrategy: oneOf("cos", "linear"), cycleMomentum: boolean,
      baseMomentum: closedUnit, maxMomentum: closedUnit, divFactor: positive, finalDivFactor: positive, threePhase: boolean,
      totalSteps: (v) => (v == null || positiveInt(v) == null ? null : "a positive integer or null"),
    }));
    requireOption(where, o, "maxLr");
    const total = o.totalSteps ?? (o.epochs != null && o.stepsPerEpoch != null ? o.epochs * o.stepsPerEpoch : null);
    if (total == null || positiveInt(total) != null) throw new Error(`${where}: give totalSteps, or epochs and stepsPerEpoch (positive integers)`);
    this.totalSteps = total;
    const up = o.pctStart * total;
    this.phases = o.threePhase
      ? [
          { end: up - 1, from: "initial", to: "max", momFrom: "max", momTo: "base" },
          { end: 2 * up - 2, from: "max", to: "initial", momFrom: "base", momTo: "max" },
          { end: total - 1, from: "initial", to: "min", momFrom: "max", momTo: "max" },
        ]
      : [
          { end: up - 1, from: "initial", to: "max", momFrom: "max", momTo: "base" },
          { end: total - 1, from: "max", to: "min", momFrom: "base", momTo: "max" },
        ];
    optimizer.lr = o.maxLr / o.divFactor;
    if (o.cycleMomentum) {
      requireMomentum(where, optimizer);
      optimizer.momentum = o.maxMomentum;
    }
    this.start();
  }

  private anneal(start: number, end: number, pct: number): number {
    if (this.options.annealStrategy === "linear") return (end - start) * pct + start;
    return end + ((start - end) / 2) * (Math.cos(Math.PI * pct) + 1);
  }

  protected computeLr(): number {
    const t = this.lastEpoch;
    if (t > this.totalSteps) throw new Error(`optim.OneCycleLR: stepped ${t} times, past totalSteps ${this.totalSteps}`);
    const o = this.options;
    const initial = o.maxLr / o.divFactor;
    const lrs = { initial, max: o.maxLr, min: initial / o.finalDivFactor };
    const moms = { max: o.maxMomentum, base: o.baseMomentum };
    let startStep = 0;
    for (let i = 0; i < this.phases.length; i++) {
      const p = this.phases[i];
      if (t <= p.end || i === this.phases.length - 1) {
        const pct = (t - startStep) / (p.end - startStep);
        if (o.cycleMomentum) this.optimizer.momentum = this.anneal(moms[p.momFrom], moms[p.momTo], pct);
        return this.anneal(lrs[p.from], lrs[p.to], pct);
      }
      startStep = p.end;
    }
    return this.optimizer.lr;
  }
}
