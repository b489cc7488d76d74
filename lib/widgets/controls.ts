/**
 * Checkbox, Dropdown and Button (ipywidgets' models of the same names).
 */
import { DOMWidget, ValueWidget, type DescriptionOptions } from "./dom-widget";
import { checkOptions } from "../core/options";

const CONTROLS = "@jupyter-widgets/controls" as const;

/** Options of {@link Checkbox}. */
export interface CheckboxOptions extends DescriptionOptions {
  /** Default false. */
  value?: boolean;
}

/**
 * A checkbox.
 *
 * @example
 * const bn = new Checkbox({ value: true, description: "batch norm" });
 */
export class Checkbox extends ValueWidget<boolean> {
  constructor(options: CheckboxOptions = {}) {
    checkOptions<CheckboxOptions>("widgets.Checkbox", options, { description: true, disabled: true, layout: true, value: true });
    const state = { value: options.value ?? false, description: options.description ?? "", disabled: options.disabled ?? false, indent: true, description_allow_html: false };
    super({ model: "CheckboxModel", view: "CheckboxView", module: CONTROLS }, state, { layout: options.layout, style: "CheckboxStyleModel" });
  }

  protected override validate(name: string, value: unknown): unknown {
    return name === "value" ? Boolean(value) : value;
  }
}

/** Options of {@link Dropdown}: labels with their values, or labels that are their own values. */
export interface DropdownOptions<T> extends DescriptionOptions {
  options: Array<[string, T]> | T[];
  /** The selected value. Default the first option. */
  value?: T;
}

/**
 * A drop-down list. The front end syncs `index`; `value` is the option at that index, and
 * observers of "value" run when the selection changes.
 *
 * @example
 * const opt = new Dropdown({ options: ["sgd", "adam"], value: "adam", description: "optimizer" });
 */
export class Dropdown<T = string> extends ValueWidget<T> {
  private readonly values: T[];

  /** @throws Error if there are no options or `value` is not one of them */
  constructor(options: DropdownOptions<T>) {
    checkOptions<DropdownOptions<T>>("widgets.Dropdown", options, { description: true, disabled: true, layout: true, options: true, value: true });
    const pairs = (options.options ?? []).map((o) => (Array.isArray(o) && o.length === 2 && typeof o[0] === "string" ? (o as [string, T]) : ([String(o), o as T] as [string, T])));
    if (!pairs.length) throw new Error("Dropdown: expected at least one option, got none");
    const index = options.value === undefined ? 0 : pairs.findIndex(([, v]) => Object.is(v, options.value));
    if (index < 0) throw new Error(`Dropdown: expected value to be one of the options, got ${String(options.value)}`);
    const state = { _options_labels: pairs.map(([l]) => l), index, description: options.description ?? "", disabled: options.disabled ?? false, description_allow_html: false };
    super({ model: "DropdownModel", view: "DropdownView", module: CONTROLS }, state, { layout: options.layout, style: "DescriptionStyleModel" });
    this.values = pairs.map(([, v]) => v);
  }

  override get value(): T {
    return this.values[this.state.index as number];
  }

  override set value(v: T) {
    const index = this.values.findIndex((x) => Object.is(x, v));
    if (index < 0) throw new Error(`Dropdown.value: expected one of the options, got ${String(v)}`);
    this.set({ index });
  }

  protected override validate(name: string, value: unknown): unknown {
    if (name !== "index") return value;
    const i = Number(value);
    return Number.isInteger(i) && i >= 0 && i < this.values.length ? i : this.state.index;
  }

  protected override notify(name: string, old: unknown, value: unknown): void {
    super.notify(name, old, value);
    if (name === "index") super.notify("value", this.values[old as number], this.values[value as number]);
  }
}

/** Options of {@link Button}. */
export interface ButtonOptions extends DescriptionOptions {
  /** "", "primary", "success", "info", "warning" or "danger". Default "". */
  buttonStyle?: string;
}

/**
 * A button; {@link Button.onClick} handlers run on each click.
 *
 * @example
 * const again = new Button({ description: "resample" });
 * again.onClick(() => redraw());
 */
export class Button extends DOMWidget {
  private readonly handlers: Array<(b: Button) => void> = [];

  constructor(options: ButtonOptions = {}) {
    checkOptions<ButtonOptions>("widgets.Button", options, { description: true, disabled: true, layout: true, buttonStyle: true });
    const state = { description: options.description ?? "", disabled: options.disabled ?? false, button_style: options.buttonStyle ?? "", icon: "", tooltip: null };
    super({ model: "ButtonModel", view: "ButtonView", module: CONTROLS }, state, { layout: options.layout, style: "ButtonStyleModel" });
  }

  /** Runs `handler` on each click in the front end. */
  onClick(handler: (b: Button) => void): void {
    this.handlers.push(handler);
  }

  /** Clicks from the kernel side (tests, scripted demos). */
  click(): void {
    for (const h of this.handlers) h(this);
  }

  protected override custom(content: Record<string, unknown>): void {
    if (content.event === "click") this.click();
  }
}
