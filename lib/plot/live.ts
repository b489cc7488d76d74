/**
 * Live training charts: one output that redraws in place while a loop runs, with a progress
 * line (step, loss, rate, ETA), and becomes the interactive Plotly figure when training ends.
 *
 * JupyterLab's Plotly renderer ignores updates to an output it has drawn (it keeps the first
 * plot), so while training the output carries only the static SVG and text; the final update
 * carries the full bundle and JupyterLab swaps in the interactive chart.
 */
import { randomUUID } from "node:crypto";
import { display } from "../display";
import type { Figure } from "./figure";
import { line, type LineOptions } from "./line";
import { words } from "./theme";
import { checkInt } from "./values";

/** Options for {@link live}. */
export interface LiveOptions extends LineOptions {
  /** Series names, in legend order (e.g. ["train", "validation"]). Required. */
  series: string[];
  /** Total steps, for the ETA. Default unknown (no ETA). */
  total?: number;
  /** Least milliseconds between redraws; updates in between only record. Default 500. */
  throttleMs?: number;
  /** Clock in milliseconds; tests pass a fake one. Default `Date.now`. */
  now?: () => number;
}

function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const two = (v: number) => String(v).padStart(2, "0");
  return h ? `${h}:${two(m)}:${two(s % 60)}` : `${m}:${two(s % 60)}`;
}

/** A chart that grows while training. Create it with {@link live}. */
export class LiveChart {
  readonly id = `dlcourse-live-${randomUUID()}`;
  private readonly xs: Record<string, number[]> = {};
  private readonly ys: Record<string, number[]> = {};
  private readonly start: number;
  private lastDraw = -Infinity;
  private shown = false;
  private step = 0;
  /** Redraws so far (for tests and curiosity). */
  draws = 0;

  constructor(private readonly options: LiveOptions) {
    if (!Array.isArray(options?.series) || options.series.length === 0) throw new Error('plot.live: expected options.series, e.g. { series: ["train", "validation"] }');
    if (options.total !== undefined) checkInt(options.total, 1, Number.MAX_SAFE_INTEGER, "plot.live: options.total");
    for (const s of options.series) [this.xs[s], this.ys[s]] = [[], []];
    this.start = (options.now ?? Date.now)();
  }

  /** "шаг 120/500 · train 0.3412 · 35.2 шаг/с · осталось 0:11" for the latest values. */
  progress(): string {
    const w = words(this.options.locale);
    const elapsed = ((this.options.now ?? Date.now)() - this.start) / 1000;
    const rate = elapsed > 0 ? this.step / elapsed : 0;
    const parts = [`${w.step} ${this.step}${this.options.total ? `/${this.options.total}` : ""}`];
    for (const s of this.options.series) {
      const v = this.ys[s].at(-1);
      if (v !== undefined) parts.push(`${s} ${v.toPrecision(4)}`);
    }
    if (rate > 0) parts.push(`${rate.toFixed(1)} ${w.rate}`);
    if (rate > 0 && this.options.total) parts.push(`${w.eta} ${clock((this.options.total - this.step) / rate)}`);
    return parts.join(" · ");
  }

  /** The chart as it stands, the progress line under the title. */
  figure(): Figure {
    const names = this.options.series.filter((s) => this.ys[s].length > 0);
    const title = `${this.options.title ? `${this.options.title}<br>` : ""}<sup>${this.progress()}</sup>`;
    return line(names.map((name) => ({ name, x: this.xs[name], y: this.ys[name] })), { ...this.options, title });
  }

  /**
   * Records values at a step and redraws if `throttleMs` has passed since the last redraw.
   * Await it in the loop so the notebook receives each redraw while the loop runs.
   *
   * @param step - step or epoch number (increasing)
   * @param values - latest value per series; series not given get no point this step
   * @throws Error on an unknown series name or a non-number value
   */
  async update(step: number, values: Record<string, number>): Promise<void> {
    for (const [name, v] of Object.entries(values)) {
      if (!(name in this.ys)) throw new Error(`LiveChart.update: unknown series "${name}", expected one of ${this.options.series.join(", ")}`);
      if (typeof v !== "number") throw new Error(`LiveChart.update: series "${name}" got ${typeof v}, expected a number (use .dataSync()[0] for a tensor)`);
      this.xs[name].push(step);
      this.ys[name].push(this.options.logY && v <= 0 ? NaN : v);
    }
    this.step = step;
    const now = (this.options.now ?? Date.now)();
    if (now - this.lastDraw >= (this.options.throttleMs ?? 500)) {
      this.lastDraw = now;
      const fig = this.figure();
      this.send({ "image/svg+xml": fig.toSVG(), "text/plain": this.progress() });
    }
    // Yield to the event loop so the kernel can send the redraw before the next step runs.
    await new Promise((resolve) => setImmediate(resolve));
  }

  /** Ends training: replaces the output with the full interactive figure, and returns it. */
  done(): Figure {
    const fig = this.figure();
    this.send(fig.toBundle());
    return fig;
  }

  private send(bundle: { "text/plain": string; [mime: string]: unknown }): void {
    display(bundle, { id: this.id, update: this.shown });
    this.shown = true;
    this.draws += 1;
  }
}

/**
 * Starts a live chart for a training loop: one output, redrawn in place.
 *
 * @param options - series names, total steps, titles, log scale, throttle; see {@link LiveOptions}
 * @returns the chart: call `await chart.update(step, { train: loss })` in the loop and `chart.done()` after
 * @throws Error if no series are named
 * @example
 * const chart = plot.live({ series: ["train", "validation"], total: 100, logY: true, title: "Потеря" });
 * for (let epoch = 1; epoch <= 100; epoch++) await chart.update(epoch, { train: trainLoss(), validation: valLoss() });
 * chart.done();
 */
export function live(options: LiveOptions): LiveChart {
  return new LiveChart(options);
}
