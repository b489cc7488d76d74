import { tf } from "../../backend";
import { lrOf, readLogs, type RawLogs } from "./logs";

/** Columns of recorded values: one array per log name, all of the same length. */
export type HistoryColumns = Record<string, number[]>;

/**
 * Records training curves for plots: every batch (`batches`: step, epoch, loss, lr, ...) and
 * every epoch (`epochs`: epoch, loss, val_loss, lr, ...), as columns ready for a line chart.
 * Unlike tfjs's own History it keeps per-step values and the learning rate, so a schedule and
 * its effect on the loss can be drawn together. Values of a later `fit` call are appended.
 *
 * `batches.step` counts batches over all epochs (0, 1, 2, ...); `lr` is the lr the batch was
 * trained with (read before the step, so schedules that change it afterwards are shown
 * correctly); a column missing in some rows is padded with NaN.
 *
 * @example
 * const history = new optim.HistoryRecorder();
 * await model.fit(x, y, { epochs: 5, callbacks: [history, new optim.LRSchedulerCallback(sched, { interval: "batch" })] });
 * plot.line({ x: history.batches.step, y: history.batches.loss });
 */
export class HistoryRecorder extends tf.Callback {
  /** Per-batch columns: step, epoch, batch, lr (if the optimizer has one) and the batch logs. */
  readonly batches: HistoryColumns = {};
  /** Per-epoch columns: epoch, lr (at the epoch's start) and the epoch logs. */
  readonly epochs: HistoryColumns = {};
  private epoch = 0;
  private lrAtBatchStart: number | undefined;
  private lrAtEpochStart: number | undefined;
  private epochOffset = 0;

  override async onTrainBegin(): Promise<void> {
    // A second fit continues the epoch count, so curves of several fit calls line up.
    this.epochOffset = this.epochs.epoch?.length ?? 0;
  }

  override async onEpochBegin(epoch: number): Promise<void> {
    this.epoch = epoch + this.epochOffset;
    this.lrAtEpochStart = lrOf(this.model);
  }

  override async onBatchBegin(): Promise<void> {
    this.lrAtBatchStart = lrOf(this.model);
  }

  override async onBatchEnd(batch: number, logs?: RawLogs): Promise<void> {
    const { batch: _b, size: _s, ...values } = await readLogs(logs);
    const row: Record<string, number> = { step: this.batches.step?.length ?? 0, epoch: this.epoch, batch, ...values };
    if (this.lrAtBatchStart !== undefined) row.lr = this.lrAtBatchStart;
    append(this.batches, row);
  }

  override async onEpochEnd(_epoch: number, logs?: RawLogs): Promise<void> {
    const row: Record<string, number> = { epoch: this.epoch, ...(await readLogs(logs)) };
    if (this.lrAtEpochStart !== undefined) row.lr = this.lrAtEpochStart;
    append(this.epochs, row);
  }
}

/** Appends one row to columns, padding columns that are new or absent from this row with NaN. */
function append(columns: HistoryColumns, row: Record<string, number>): void {
  const length = Object.values(columns)[0]?.length ?? 0;
  for (const key of Object.keys(row)) columns[key] ??= new Array<number>(length).fill(NaN);
  for (const key of Object.keys(columns)) columns[key].push(row[key] ?? NaN);
}
