/** Layout defaults shared by the helpers, so every chart in the course looks the same. */
import type { Layout } from "./figure";
import type { Locale } from "./theme";

/** Options every chart helper takes. Labels are shown as given: write them in your lecture's language. */
export interface ChartOptions {
  /** Chart title; `<br>` starts a second, smaller line. Default none. */
  title?: string;
  /** x-axis title. Default none (or the helper's own, in the current locale). */
  xTitle?: string;
  /** y-axis title. Default none (or the helper's own). */
  yTitle?: string;
  /** Width in pixels. Default: the notebook's width in JupyterLab, 760 in the static image. */
  width?: number;
  /** Height in pixels. Default 440. */
  height?: number;
  /** Language of labels the helper writes itself. Default: `setLocale`'s, initially "ru". */
  locale?: Locale;
}

/** Legend at the top right, beside the plot, when a colour bar shares that side. */
export const LEGEND = { x: 1.02, xanchor: "left", y: 1, yanchor: "top" };

/** A colour bar in the lower part of the right side, under the legend. */
export function colorbarBelowLegend(title: string): Record<string, unknown> {
  return { title: { text: title }, x: 1.02, xanchor: "left", y: 0, yanchor: "bottom", len: 0.55 };
}

/** An axis in the course style: ruled, outside ticks, light grid, room for its labels. */
export function axis(title?: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...(title ? { title: { text: title } } : {}), showline: true, linecolor: "#444", ticks: "outside", gridcolor: "#e6e6e6", zeroline: false, automargin: true, ...extra };
}

/**
 * The base layout of a chart: title, size, margins, hover and the two main axes.
 *
 * @param extra - fields merged over the defaults
 */
export function baseLayout(o: ChartOptions, extra: Layout = {}): Layout {
  const layout: Layout = {
    height: o.height ?? 440,
    margin: { l: 84, r: 24, t: o.title ? 72 : 28, b: 64 },
    hovermode: "closest",
    plot_bgcolor: "white",
    paper_bgcolor: "white",
    xaxis: axis(o.xTitle),
    yaxis: axis(o.yTitle),
    ...extra,
  };
  if (o.title) layout.title = { text: o.title, x: 0.5, xanchor: "center" };
  if (o.width !== undefined) layout.width = o.width;
  return layout;
}

/** Domains of a grid of subplots, row 0 at the top, with gaps as fractions of the paper. */
export function gridDomains(rows: number, cols: number, gap = 0.08): Array<{ x: [number, number]; y: [number, number] }> {
  const w = (1 - gap * (cols - 1)) / cols;
  const h = (1 - gap * (rows - 1)) / rows;
  const out: Array<{ x: [number, number]; y: [number, number] }> = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const x0 = c * (w + gap);
      const y1 = 1 - r * (h + gap);
      out.push({ x: [round(x0), round(x0 + w)], y: [round(y1 - h), round(y1)] });
    }
  }
  return out;
}

function round(v: number): number {
  return Math.max(0, Math.min(1, Math.round(v * 1e6) / 1e6));
}

/** Axis references of the k-th subplot: "x"/"y" for 0, "x2"/"y2" for 1, ... */
export function axisRefs(k: number): { x: string; y: string; xKey: string; yKey: string } {
  const n = k === 0 ? "" : String(k + 1);
  return { x: `x${n}`, y: `y${n}`, xKey: `xaxis${n}`, yKey: `yaxis${n}` };
}
