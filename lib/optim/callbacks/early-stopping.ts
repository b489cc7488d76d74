import { tf } from "../../backend";
import { boolean, nonNegative, nonNegativeInt, oneOf, resolveOptions } from "../../core/options";
import { readLogs, type RawLogs } from "./logs";

/** Options of {@link EarlyStopping}: Keras's `EarlyStopping` arguments in camelCase, same defaults. */
export interface EarlyStoppingOptions {
  /** Epoch log entry to watch. Default "val_loss". */
  monitor: string;
  /** An epoch counts as an improvement only if it beats the best by more than minDelta. Default 0. */
  minDelta: number;
  /** Epochs without improvement before stopping. Default 0. */
  patience: number;
  /** "min", "max", or "auto" (max for names with "acc" or starting with "auc", else min). Default "auto". */
  mode: "auto" | "min" | "max";
  /** Improvements that do not also beat the baseline keep the patience counter running. Default null. */
  baseline: number | null;
  /** At the end of training, load the weights of the best epoch. Default false. */
  restoreBestWeights: boolean;
  /** Epochs to ignore at the start (warm-up). Default 0. */
  startFromEpoch: number;
  /** 1: print Keras's "Epoch N: early stopping" and restore messages; 0: silent. Default 0. */
  verbose: number;
}

const DEFAULTS: EarlyStoppingOptions = {
  monitor: "val_loss", minDelta: 0, patience: 0, mode: "auto", baseline: null, restoreBestWeights: false, startFromEpoch: 0, verbose: 0,
};

/**
 * Stops `model.fit` when the monitored metric has stopped improving, with Keras 3 semantics:
 * every epoch increments a wait counter; an improvement (by more than minDelta, and past the
 * baseline if one is set) resets it; training stops once wait >= patience (never at epoch 0).
 * With restoreBestWeights the best epoch's weights are loaded when training ends, whether or
 * not it stopped early (Keras 3; Keras 2 restored only on an early stop).
 *
 * @param options - see {@link EarlyStoppingOptions}
 * @throws Error `EarlyStopping: monitor "val_loss" is not in the epoch logs (have: loss) ...` during fit
 * @example
 * const stop = new optim.EarlyStopping({ monitor: "val_loss", patience: 3, restoreBestWeights: true });
 * await model.fit(x, y, { epochs: 100, validationSplit: 0.2, callbacks: [stop] });
 * stop.stoppedEpoch; // 0 if it ran to the end
 */
export class EarlyStopping extends tf.Callback {
  readonly options: EarlyStoppingOptions;
  /** Best monitored value so far (kept across fit calls, as in Keras). */
  best: number;
  /** Epoch of `best`. */
  bestEpoch = 0;
  /** Epochs since the last improvement. */
  wait = 0;
  /** Epoch at which training was stopped; 0 if it was not. */
  stoppedEpoch = 0;
  private bestWeights: tf.Tensor[] | null = null;
  private readonly lower: boolean;

  constructor(options?: Partial<EarlyStoppingOptions>) {
    super();
    const o = (this.options = resolveOptions("EarlyStopping", options, DEFAULTS, {
      minDelta: nonNegative, patience: nonNegativeInt, mode: oneOf("auto", "min", "max"), restoreBestWeights: boolean,
      startFromEpoch: nonNegativeInt, verbose: nonNegativeInt, monitor: (v) => (typeof v === "string" && v.length > 0 ? null : "a log name"),
    }));
    const higher = o.mode === "max" || (o.mode === "auto" && (o.monitor.includes("acc") || o.monitor.startsWith("auc")));
    this.lower = !higher;
    this.best = this.lower ? Infinity : -Infinity;
  }

  private isImprovement(value: number, reference: number): boolean {
    return this.lower ? value + this.options.minDelta < reference : value - this.options.minDelta > reference;
  }

  override async onTrainBegin(): Promise<void> {
    this.wait = 0;
    this.stoppedEpoch = 0;
    this.bestEpoch = 0;
    this.setBestWeights(null);
  }

  override async onEpochEnd(epoch: number, logs?: RawLogs): Promise<void> {
    const values = await readLogs(logs);
    const current = values[this.options.monitor];
    if (current === undefined) {
      throw new Error(
        `EarlyStopping: monitor "${this.options.monitor}" is not in the epoch logs (have: ${Object.keys(values).join(", ")}); ` +
          `fit with validationData/validationSplit or monitor another entry`,
      );
    }
    if (epoch < this.options.startFromEpoch) return;
    const restore = this.options.restoreBestWeights;
    if (restore && this.bestWeights == null) this.setBestWeights(this.snapshot(), epoch);
    this.wait += 1;
    if (this.isImprovement(current, this.best)) {
      this.best = current;
      this.bestEpoch = epoch;
      if (restore) this.setBestWeights(this.snapshot(), epoch);
      if (this.options.baseline == null || this.isImprovement(current, this.options.baseline)) this.wait = 0;
      return;
    }
    if (this.wait >= this.options.patience && epoch > 0) {
      this.stoppedEpoch = epoch;
      this.model.stopTraining = true;
    }
  }

  override async onTrainEnd(): Promise<void> {
    const verbose = this.options.verbose > 0;
    if (verbose && this.stoppedEpoch > 0) console.log(`Epoch ${this.stoppedEpoch + 1}: early stopping`);
    if (this.options.restoreBestWeights && this.bestWeights != null) {
      if (verbose) console.log(`Restoring model weights from the end of the best epoch: ${this.bestEpoch + 1}.`);
      this.model.setWeights(this.bestWeights);
    }
    this.setBestWeights(null);
  }

  private snapshot(): tf.Tensor[] {
    return this.model.getWeights().map((w) => w.clone());
  }

  private setBestWeights(weights: tf.Tensor[] | null, epoch?: number): void {
    if (this.bestWeights != null) tf.dispose(this.bestWeights);
    this.bestWeights = weights;
    if (epoch != null && weights != null) this.bestEpoch = epoch;
  }
}
