/**
 * The JSON a figure is made of (Plotly's data, layout and frames), as types only: shared by
 * ./figure.ts and the static SVG renderer in ./svg/, which must not import the figure itself.
 */

/** One Plotly trace; only plain JSON values (no functions, no typed arrays). */
export interface Trace {
  type: "scatter" | "bar" | "heatmap" | "contour" | "surface";
  name?: string;
  [key: string]: unknown;
}

/** Plotly layout; `title`, `xaxis`, `yaxis`, ... as in the Plotly reference. */
export interface Layout {
  title?: { text: string; [key: string]: unknown };
  width?: number;
  height?: number;
  [key: string]: unknown;
}

/** One animation frame: new data for the traces listed in `traces`. */
export interface Frame {
  name: string;
  data: Array<Partial<Trace>>;
  traces?: number[];
  [key: string]: unknown;
}

/** The JSON a figure is made of. */
export interface FigureSpec {
  data: Trace[];
  layout?: Layout;
  config?: Record<string, unknown>;
  frames?: Frame[];
}
