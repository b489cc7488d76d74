/**
 * The figure: plain Plotly JSON ({data, layout, config, frames?}) that shows itself as one
 * display message carrying the interactive Plotly spec, a static SVG and a text summary.
 */
import { display } from "../display";
import type { Displayable, DisplayOptions, MimeBundle } from "../display";
import { renderSVG } from "./svg/render";
import { FONT } from "./theme";
import type { FigureSpec, Frame, Layout, Trace } from "./spec";

export type { FigureSpec, Frame, Layout, Trace };

/** MIME type of the Plotly spec, rendered by JupyterLab's jupyterlab-plotly extension. */
export const PLOTLY_MIME = "application/vnd.plotly.v1+json";

/** Plotly config for lecture notes: no logo, PNG export at print resolution, resizes with the page. */
export const DEFAULT_CONFIG = { responsive: true, displaylogo: false, toImageButtonOptions: { format: "png", scale: 2 } };

/**
 * A chart. Every helper in `plot` returns one; call {@link Figure.show} to display it, or make it
 * the last expression of a cell.
 *
 * @example
 * const fig = new Figure({ data: [{ type: "scatter", x: [1, 2], y: [3, 1], name: "loss" }] });
 * fig.show();
 */
export class Figure implements Displayable {
  data: Trace[];
  layout: Layout;
  config: Record<string, unknown>;
  frames?: Frame[];

  constructor(spec: FigureSpec) {
    if (!spec || !Array.isArray(spec.data)) throw new Error("Figure: expected { data: Trace[], layout?, config? }");
    this.data = spec.data;
    this.layout = { font: { ...FONT }, ...(spec.layout ?? {}) };
    this.config = { ...DEFAULT_CONFIG, ...(spec.config ?? {}) };
    if (spec.frames) this.frames = spec.frames;
  }

  /** Plain JSON copy of the figure (layout always present). */
  toJSON(): Required<Omit<FigureSpec, "frames">> & Pick<FigureSpec, "frames"> {
    const spec = { data: this.data, layout: this.layout, config: this.config, ...(this.frames ? { frames: this.frames } : {}) };
    return JSON.parse(JSON.stringify(spec));
  }

  /** The static picture: a self-contained SVG document, drawn without a browser. */
  toSVG(): string {
    return renderSVG(this.toJSON());
  }

  /** One-line description used as `text/plain`. */
  toString(): string {
    const title = this.layout.title?.text?.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim();
    const names = this.data.map((t) => t.name).filter((n): n is string => typeof n === "string" && n !== "");
    const kinds = [...new Set(this.data.map((t) => t.type))].join(", ");
    return `Figure${title ? ` "${title}"` : ""}: ${this.data.length} trace(s) (${kinds})${names.length ? `: ${names.slice(0, 8).join(", ")}` : ""}`;
  }

  /** The MIME bundle: Plotly spec, SVG fallback and text. */
  toBundle(): MimeBundle {
    return { [PLOTLY_MIME]: this.toJSON(), "image/svg+xml": this.toSVG(), "text/plain": this.toString() };
  }

  /**
   * Displays the figure as one output of the current cell.
   *
   * Returns nothing on purpose: as a cell's last expression a returned figure would be shown
   * a second time as the cell's result.
   *
   * @param options - display id / update, as for `display`
   */
  show(options: DisplayOptions = {}): void {
    display(this, options);
  }
}
