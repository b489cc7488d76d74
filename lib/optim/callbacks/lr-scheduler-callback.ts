import { tf } from "../../backend";
import { oneOf, resolveOptions } from "../../core/options";
import type { Schedule } from "../schedules/scheduler";
import { readLogs, type RawLogs } from "./logs";

/** Options of {@link LRSchedulerCallback}. */
export interface LRSchedulerCallbackOptions {
  /** Step the schedule after every "batch" (CyclicLR, OneCycleLR) or every "epoch" (StepLR, ...). Default "epoch". */
  interval: "batch" | "epoch";
  /** Log entry passed to `step(metric)`, for ReduceLROnPlateau. Default "val_loss"; ignored by other schedules. */
  monitor: string;
}

/**
 * Drives a learning-rate schedule from `model.fit`: calls `schedule.step()` after every batch or
 * epoch, like the `scheduler.step()` line of a PyTorch training loop. A ReduceLROnPlateau gets the
 * monitored value of the epoch logs.
 *
 * @param schedule - a schedule built on the same optimizer the model was compiled with
 * @param options - see {@link LRSchedulerCallbackOptions}
 * @throws Error `LRSchedulerCallback: monitor "val_loss" is not in the epoch logs (have: loss) ...` when fitting
 * @example
 * const opt = new optim.SGD({ lr: 0.1, momentum: 0.9 });
 * model.compile({ optimizer: opt, loss: "categoricalCrossentropy" });
 * const sched = new optim.OneCycleLR(opt, { maxLr: 0.1, epochs: 5, stepsPerEpoch: 20 });
 * await model.fit(x, y, { epochs: 5, batchSize: 32, callbacks: [new optim.LRSchedulerCallback(sched, { interval: "batch" })] });
 */
export class LRSchedulerCallback extends tf.Callback {
  readonly options: LRSchedulerCallbackOptions;
  private readonly needsMetric: boolean;

  constructor(readonly schedule: Schedule, options?: Partial<LRSchedulerCallbackOptions>) {
    super();
    if (schedule == null || typeof schedule.step !== "function") {
      throw new Error(`LRSchedulerCallback: expected a schedule (optim.StepLR, optim.CyclicLR, ...), got ${String(schedule)}`);
    }
    this.options = resolveOptions("LRSchedulerCallback", options, { interval: "epoch", monitor: "val_loss" }, { interval: oneOf("batch", "epoch") });
    this.needsMetric = schedule.metricDriven === true;
  }

  override async onBatchEnd(_batch: number, logs?: RawLogs): Promise<void> {
    if (this.options.interval === "batch") await this.advance(logs, "batch");
  }

  override async onEpochEnd(_epoch: number, logs?: RawLogs): Promise<void> {
    if (this.options.interval === "epoch") await this.advance(logs, "epoch");
  }

  private async advance(logs: RawLogs, where: string): Promise<void> {
    if (!this.needsMetric) return this.schedule.step();
    const values = await readLogs(logs);
    const metric = values[this.options.monitor];
    if (metric === undefined) {
      throw new Error(
        `LRSchedulerCallback: monitor "${this.options.monitor}" is not in the ${where} logs (have: ${Object.keys(values).join(", ")}); ` +
          `fit with validationData/validationSplit or pass another monitor`,
      );
    }
    this.schedule.step(metric);
  }
}
