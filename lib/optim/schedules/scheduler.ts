/**
 * The contract shared by every learning-rate schedule, as `torch.optim.lr_scheduler`: a schedule
 * wraps an optimizer, sets its `lr` (and for cyclic schedules its momentum) on construction, and
 * moves it on at every `step()`.
 */

/** What a schedule needs from an optimizer: a mutable `lr`, and `momentum` for cyclic momentum. */
export interface Schedulable {
  lr: number;
  /** Momentum (SGD, RMSprop) or beta1 (Adam family); undefined when the optimizer has neither. */
  momentum?: number;
}

/** Anything the schedule callback can drive: `step()` after a batch or epoch. */
export interface Schedule {
  /** Advances one step. ReduceLROnPlateau needs the monitored metric; the others ignore it. */
  step(metric?: number): void;
  /** The learning rate the optimizer has now. */
  getLastLr(): number;
  /** True when `step` needs the monitored metric (ReduceLROnPlateau). */
  readonly metricDriven?: boolean;
}

/**
 * Base of the step-driven schedules. Like PyTorch, the constructor records the optimizer's lr
 * as `baseLr` and performs step 0, so the optimizer holds the schedule's first value at once.
 */
export abstract class LRScheduler implements Schedule {
  /** Number of `step()` calls so far; 0 after construction (PyTorch's `last_epoch`). */
  lastEpoch = -1;
  /** The optimizer's lr when the schedule was created (PyTorch's `initial_lr`). */
  readonly baseLr: number;

  protected constructor(readonly optimizer: Schedulable, where: string) {
    if (optimizer == null || typeof optimizer.lr !== "number") {
      throw new Error(`${where}: expected an optimizer with a numeric lr (an optim.* optimizer), got ${String(optimizer)}`);
    }
    this.baseLr = optimizer.lr;
  }

  /** Subclasses call this at the end of their constructor (after their own fields are set). */
  protected start(): void {
    this.step();
  }

  /** The lr for `lastEpoch`, given the current lr (chainable schedules multiply it). */
  protected abstract computeLr(): number;

  /** Moves to the next step and writes the new lr (and momentum, if cycled) into the optimizer. */
  step(): void {
    this.lastEpoch += 1;
    this.optimizer.lr = this.computeLr();
  }

  getLastLr(): number {
    return this.optimizer.lr;
  }
}

/** Throws unless `o[key]` was given (for options without a default). */
export function requireOption(where: string, o: object, key: string): void {
  const v = (o as Record<string, unknown>)[key];
  if (v == null || (typeof v === "number" && Number.isNaN(v))) throw new Error(`${where}: option ${key} is required, got ${String(v)}`);
}

/** Throws unless the optimizer exposes momentum (or beta1) for a schedule that cycles it. */
export function requireMomentum(where: string, optimizer: Schedulable): void {
  if (typeof optimizer.momentum !== "number") {
    throw new Error(`${where}: cycleMomentum needs an optimizer with momentum or betas (SGD, RMSprop, Adam, ...); pass cycleMomentum: false`);
  }
}
