/**
 * Widgets with a view: each gets its own Layout model and, for controls, a style model, as
 * ipywidgets creates them (the front end's views read both).
 */
import { commHost } from "./comm-host";
import { Widget, type WidgetState } from "./widget";
import type { ModelSpec } from "./spec";

/** The CSS layout model every view refers to (`@jupyter-widgets/base` LayoutModel). */
export class Layout extends Widget {
  /** @param css - layout properties such as `{ width: "400px" }` (snake_case as in ipywidgets) */
  constructor(css: Record<string, string> = {}) {
    super({ model: "LayoutModel", view: "LayoutView", module: "@jupyter-widgets/base" }, css);
  }
}

/** Style model names by control family. */
export type StyleName = "SliderStyleModel" | "DescriptionStyleModel" | "CheckboxStyleModel" | "ButtonStyleModel";

/** A control's style model (`description_width`, colours). */
export class Style extends Widget {
  /**
   * @param name - the style model of the control family
   * @param props - style properties, e.g. `{ description_width: "initial" }`
   */
  constructor(name: StyleName, props: WidgetState = {}) {
    super({ model: name, view: "StyleView", module: "@jupyter-widgets/controls", viewModule: "@jupyter-widgets/base" }, props);
  }
}

/** Options shared by every control. */
export interface DescriptionOptions {
  /** Label shown beside the control. Default "". */
  description?: string;
  /** Greyed out, not editable. Default false. */
  disabled?: boolean;
  /** Layout properties, e.g. `{ width: "500px" }`. Default none. */
  layout?: Record<string, string>;
}

/** A widget with a view, a layout and optionally a style. */
export class DOMWidget extends Widget {
  /**
   * @param spec - model and view
   * @param state - the model's own state
   * @param parts - layout properties and the style model to create, if any
   */
  constructor(spec: ModelSpec, state: WidgetState, parts: { layout?: Record<string, string>; style?: StyleName }) {
    commHost(spec.model.replace(/Model$/, "")); // a clear error naming the widget before its parts
    const layout = new Layout(parts.layout);
    const style = parts.style ? { style: new Style(parts.style, { description_width: "initial" }) } : {};
    super(spec, { _dom_classes: [], layout, ...style, ...state });
  }
}

/** A control with a `value` and a description. */
export class ValueWidget<T> extends DOMWidget {
  /** The current value (set it to move the control in the front end). */
  get value(): T {
    return this.state.value as T;
  }

  set value(v: T) {
    this.set({ value: this.validate("value", v) });
  }
}
