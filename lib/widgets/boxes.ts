/**
 * HBox and VBox: rows and columns of widgets.
 */
import { DOMWidget } from "./dom-widget";
import type { Widget } from "./widget";
import { checkOptions } from "../core/options";

/** Options of the boxes. */
export interface BoxOptions {
  /** Layout properties, e.g. `{ width: "100%" }`. Default none. */
  layout?: Record<string, string>;
}

function checkChildren(caller: string, children: unknown[]): void {
  const bad = children.findIndex((c) => !(c instanceof DOMWidget));
  if (bad >= 0) throw new Error(`${caller}: expected widgets with a view as children, got ${String(children[bad])} at index ${bad}`);
}

/**
 * A row of widgets.
 *
 * @example
 * new HBox([alpha, rho])
 */
export class HBox extends DOMWidget {
  /** @throws Error if a child is not a widget with a view */
  constructor(children: Widget[], options: BoxOptions = {}) {
    checkOptions<BoxOptions>("widgets.HBox", options, { layout: true });
    checkChildren("HBox", children);
    super({ model: "HBoxModel", view: "HBoxView", module: "@jupyter-widgets/controls" }, { children, box_style: "" }, { layout: options.layout });
  }
}

/**
 * A column of widgets.
 *
 * @example
 * new VBox([new HBox([alpha, rho]), output])
 */
export class VBox extends DOMWidget {
  /** @throws Error if a child is not a widget with a view */
  constructor(children: Widget[], options: BoxOptions = {}) {
    checkOptions<BoxOptions>("widgets.VBox", options, { layout: true });
    checkChildren("VBox", children);
    super({ model: "VBoxModel", view: "VBoxView", module: "@jupyter-widgets/controls" }, { children, box_style: "" }, { layout: options.layout });
  }

  /** The children widgets. */
  get children(): Widget[] {
    return this.state.children as Widget[];
  }
}
