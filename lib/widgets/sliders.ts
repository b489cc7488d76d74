/**
 * IntSlider, FloatSlider and FloatLogSlider (ipywidgets' models of the same names). Values from
 * the front end are kept within [min, max] (ints rounded), and the corrected value is sent back.
 */
import { ValueWidget, type DescriptionOptions } from "./dom-widget";
import { checkOptions } from "../core/options";

/** Options of the linear sliders; the value defaults to `min`. */
export interface SliderOptions extends DescriptionOptions {
  value?: number;
  min?: number;
  max?: number;
  step?: number;
  /** Send values while dragging (true) or on release (false). Default true. */
  continuousUpdate?: boolean;
  /** d3-format of the readout, e.g. ".3f". Default "d" for ints, ".2f" for floats. */
  readoutFormat?: string;
}

function checkRange(caller: string, min: number, max: number, step: number): void {
  if (![min, max, step].every(Number.isFinite) || min > max || step <= 0) {
    throw new Error(`${caller}: expected finite min <= max and step > 0, got min=${min}, max=${max}, step=${step}`);
  }
}

function clamp(x: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, x));
}

abstract class NumberSlider extends ValueWidget<number> {
  protected override validate(name: string, value: unknown): unknown {
    if (name !== "value") return value;
    const x = Number(value);
    if (!Number.isFinite(x)) throw new Error(`${this}: expected a finite number for value, got ${String(value)}`);
    return this.limit(x);
  }

  protected limit(x: number): number {
    return clamp(x, this.state.min as number, this.state.max as number);
  }
}

function sliderState(caller: string, o: SliderOptions, defaults: { min: number; max: number; step: number; format: string }) {
  const min = o.min ?? defaults.min;
  const max = o.max ?? defaults.max;
  const step = o.step ?? defaults.step;
  checkRange(caller, min, max, step);
  return {
    value: clamp(o.value ?? min, min, max), min, max, step, description: o.description ?? "", disabled: o.disabled ?? false,
    continuous_update: o.continuousUpdate ?? true, readout: true, readout_format: o.readoutFormat ?? defaults.format,
    orientation: "horizontal", behavior: "drag-tap", description_allow_html: false,
  };
}

/**
 * An integer slider.
 *
 * @example
 * const epochs = new IntSlider({ value: 10, min: 1, max: 50, description: "epochs" });
 */
export class IntSlider extends NumberSlider {
  /** @throws Error if min > max or step <= 0 */
  constructor(options: SliderOptions = {}) {
    checkOptions<SliderOptions>("widgets.IntSlider", options, { description: true, disabled: true, layout: true, value: true, min: true, max: true, step: true, continuousUpdate: true, readoutFormat: true });
    const state = sliderState("IntSlider", options, { min: 0, max: 100, step: 1, format: "d" });
    super({ model: "IntSliderModel", view: "IntSliderView", module: "@jupyter-widgets/controls" }, { ...state, value: Math.round(state.value) }, { layout: options.layout, style: "SliderStyleModel" });
  }

  protected override limit(x: number): number {
    return super.limit(Math.round(x));
  }
}

/**
 * A float slider.
 *
 * @example
 * const lr = new FloatSlider({ value: 0.1, min: 0.01, max: 1, step: 0.01, description: "lr" });
 */
export class FloatSlider extends NumberSlider {
  /** @throws Error if min > max or step <= 0 */
  constructor(options: SliderOptions = {}) {
    checkOptions<SliderOptions>("widgets.FloatSlider", options, { description: true, disabled: true, layout: true, value: true, min: true, max: true, step: true, continuousUpdate: true, readoutFormat: true });
    const state = sliderState("FloatSlider", options, { min: 0, max: 100, step: 0.1, format: ".2f" });
    super({ model: "FloatSliderModel", view: "FloatSliderView", module: "@jupyter-widgets/controls" }, state, { layout: options.layout, style: "SliderStyleModel" });
  }
}

/** Options of {@link FloatLogSlider}: `min`, `max`, `step` are exponents of `base`. */
export interface LogSliderOptions extends SliderOptions {
  /** Default 10. */
  base?: number;
}

/**
 * A slider over base^min ... base^max on a log scale (value itself, not its exponent).
 *
 * @example
 * const scale = new FloatLogSlider({ value: 1, min: -2, max: 1, step: 0.1, description: "scale" });
 */
export class FloatLogSlider extends NumberSlider {
  /** @throws Error if min > max, step <= 0 or base <= 1 */
  constructor(options: LogSliderOptions = {}) {
    checkOptions<LogSliderOptions>("widgets.FloatLogSlider", options, { description: true, disabled: true, layout: true, value: true, min: true, max: true, step: true, continuousUpdate: true, readoutFormat: true, base: true });
    const base = options.base ?? 10;
    if (!(base > 1)) throw new Error(`FloatLogSlider: expected base > 1, got ${base}`);
    const state = sliderState("FloatLogSlider", { ...options, value: 0 }, { min: 0, max: 4, step: 0.1, format: ".3g" });
    const value = clamp(options.value ?? base ** state.min, base ** state.min, base ** state.max);
    super({ model: "FloatLogSliderModel", view: "FloatLogSliderView", module: "@jupyter-widgets/controls" }, { ...state, base, value }, { layout: options.layout, style: "SliderStyleModel" });
  }

  protected override limit(x: number): number {
    const b = this.state.base as number;
    return clamp(x, b ** (this.state.min as number), b ** (this.state.max as number));
  }
}
