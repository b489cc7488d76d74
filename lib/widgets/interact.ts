/**
 * `interact`: re-runs a function whenever one of its controls changes, showing what it displays
 * in an Output widget under the controls (in the spirit of `ipywidgets.interact`). Changes are
 * debounced and the latest values win; an error in the function is shown in the output and never
 * stops the kernel.
 */
import type { MimeBundle } from "../display/types";
import { VBox } from "./boxes";
import { commHost, type OutputContext } from "./comm-host";
import type { ValueWidget } from "./dom-widget";
import { Output } from "./output";
import { VIEW_MIME } from "./spec";
import { checkOptions } from "../core/options";

/** Named controls; each one's `value` becomes the argument's property of the same name. */
export type Controls = Record<string, ValueWidget<unknown>>;

/** The values of the controls, by name. */
export type ValuesOf<C extends Controls> = { [K in keyof C]: C[K]["value"] };

/** Options of {@link interact}. */
export interface InteractOptions<C extends Controls> {
  /** The controls, by the names the function receives. */
  controls: C;
  /** Milliseconds without changes before re-running. Default 40. */
  debounceMs?: number;
}

/** The widget {@link interact} returns: the controls above an Output widget. */
export class Interactive<C extends Controls> extends VBox {
  /** Where the function's displays go. */
  readonly output: Output;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private staticFigure: MimeBundle | null = null;
  private waiting: Array<() => void> = [];

  constructor(private readonly fn: (values: ValuesOf<C>) => unknown, readonly controls: C, private readonly debounceMs: number, output: Output) {
    super([...Object.values(controls), output]);
    this.output = output;
  }

  /** The current values of the controls. */
  values(): ValuesOf<C> {
    return Object.fromEntries(Object.entries(this.controls).map(([k, c]) => [k, c.value])) as ValuesOf<C>;
  }

  /** Runs the function now with the current values; an error is shown in the output, in the same update. */
  run(): void {
    this.output.capture(() => this.fn(this.values()), { clear: true, errors: "show" });
  }

  /** Schedules a run after the debounce delay; earlier pending runs are dropped (last value wins). */
  schedule(context: OutputContext): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      context.run(() => this.run());
      for (const done of this.waiting.splice(0)) done();
    }, this.debounceMs);
  }

  /** Resolves once no run is pending (tests). */
  settled(): Promise<void> {
    return this.timer ? new Promise((resolve) => this.waiting.push(resolve)) : Promise.resolve();
  }

  /** Remembers the first run's figure: shown where no widget can be (nbconvert, GitHub, notes). */
  keepStaticFigure(): void {
    const shown = this.output.outputs.filter((o) => o.output_type === "display_data");
    const last = shown[shown.length - 1];
    this.staticFigure = last && last.output_type === "display_data" ? last.data : null;
  }

  /** The widget view, with the default values' figure as the fallback for other front ends. */
  override toBundle(): MimeBundle {
    const view = super.toBundle();
    return this.staticFigure ? { ...this.staticFigure, [VIEW_MIME]: view[VIEW_MIME] } : view;
  }
}

/**
 * Shows `fn`'s output under `controls` and re-runs it on every change. The first run happens now,
 * in the calling cell, and throws if `fn` throws (so a notebook fails on broken defaults); later
 * runs show errors in the output. `fn` should display synchronously (e.g. `display(figure)`).
 *
 * @param fn - receives the controls' values by name, displays the result
 * @param options - the controls and the debounce delay, see {@link InteractOptions}
 * @returns the widget to show (last expression of the cell, or `display(...)`)
 * @throws Error if a control is not a value widget, or whatever the first run of `fn` throws
 * @example
 * const lr = new FloatSlider({ value: 0.1, min: 0.01, max: 1, step: 0.01, description: "lr" });
 * interact(({ lr }) => display(plotGd(lr)), { controls: { lr } })
 */
export function interact<C extends Controls>(fn: (values: ValuesOf<C>) => unknown, options: InteractOptions<C>): Interactive<C> {
  checkOptions<InteractOptions<C>>("widgets.interact", options, { controls: true, debounceMs: true });
  const controls = options?.controls;
  if (!controls || typeof controls !== "object") throw new Error("interact: expected options.controls, an object of named controls");
  for (const [name, c] of Object.entries(controls)) {
    if (typeof c?.observe !== "function" || !("value" in c)) throw new Error(`interact: expected controls.${name} to be a widget with a value, got ${String(c)}`);
  }
  const box = new Interactive(fn, controls, options.debounceMs ?? 40, new Output());
  box.output.capture(() => fn(box.values()), { clear: true });
  box.keepStaticFigure();
  const host = commHost("interact");
  for (const c of Object.values(controls)) c.observe(() => box.schedule(host.captureOutput()), ["value"]);
  return box;
}
