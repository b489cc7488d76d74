/** Decision boundaries: a classifier's prediction over a grid, with the data drawn on top. */
import { mix } from "./svg/color";
import { Figure, type Trace } from "./figure";
import { axis, baseLayout, colorbarBelowLegend, LEGEND, type ChartOptions } from "./layout";
import { classTraces } from "./scatter";
import { SEQUENCE, words } from "./theme";
import { checkInt, isTensor, linspace, toMatrix, type Matrix, type Vector } from "./values";

/** What a classifier may return for N points: [N] classes or P(class 1), [N, 1] P(class 1), or [N, C] scores. */
export type Prediction = Vector | Matrix;

/** Options for {@link decisionBoundary}. */
export interface BoundaryOptions extends ChartOptions {
  /** Grid points per side. Default 100, range 2..400. */
  resolution?: number;
  /** Margin around the data, as a fraction of its extent. Default 0.1. */
  padding?: number;
  /** Legend names of the classes. */
  classNames?: string[];
}

/** Reads a prediction as per-point classes, or P(class 1) for binary probabilities. */
function readPrediction(out: unknown, n: number): { classes?: number[]; prob?: number[] } {
  if (out instanceof Promise) throw new Error("decisionBoundary: predict returned a Promise; pass a synchronous function (model.predict, not model.predictAsync)");
  let rows: number[][] | number[];
  if (isTensor(out)) {
    rows = out.arraySync() as number[] | number[][];
    (out as unknown as { dispose?: () => void }).dispose?.();
  } else {
    rows = Array.from(out as ArrayLike<unknown>, (r) => (typeof r === "number" ? r : Array.from(r as ArrayLike<number>))) as number[] | number[][];
  }
  if (rows.length !== n) throw new Error(`decisionBoundary: predict returned ${rows.length} rows for ${n} grid points`);
  const wide = Array.isArray(rows[0]) ? (rows as number[][])[0].length : 0;
  if (wide > 1) return { classes: (rows as number[][]).map((r) => r.indexOf(Math.max(...r))) };
  const v = (wide === 1 ? (rows as number[][]).map((r) => r[0]) : (rows as number[]));
  return v.every((q) => Number.isInteger(q)) ? { classes: v } : { prob: v };
}

/**
 * Colours the plane by a classifier's prediction and draws the labelled data on top.
 *
 * @param predict - maps grid points [N, 2] (plain arrays) to a {@link Prediction}; a returned tensor is disposed
 * @param points - data [N, 2]
 * @param labels - data classes [N]
 * @returns the figure: a heatmap of classes (or of P(class 1), with the 0.5 contour), then one trace per class
 * @throws Error on bad shapes, or if predict is asynchronous or returns the wrong number of rows
 * @example
 * plot.decisionBoundary((p) => model.predict(tf.tensor2d(p)) as tf.Tensor, X, y, { title: "Граница решений" }).show();
 */
export function decisionBoundary(predict: (points: number[][]) => Prediction, points: Matrix, labels: Vector, options: BoundaryOptions = {}): Figure {
  if (typeof predict !== "function") throw new Error(`decisionBoundary: expected predict to be a function, got ${typeof predict}`);
  const P = toMatrix(points, "decisionBoundary: points", 2);
  if (P.length === 0) throw new Error("decisionBoundary: expected at least one point");
  const n = checkInt(options.resolution ?? 100, 2, 400, "decisionBoundary: options.resolution");
  const pad = options.padding ?? 0.1;
  const span = (k: number) => {
    const v = P.map((p) => p[k]);
    const [lo, hi] = [Math.min(...v), Math.max(...v)];
    const d = hi > lo ? (hi - lo) * pad : 1; // a flat extent still gets a visible margin
    return linspace(lo - d, hi + d, n);
  };
  const [gx, gy] = [span(0), span(1)];
  const grid = gy.flatMap((y) => gx.map((x) => [x, y]));
  const { classes, prob } = readPrediction(predict(grid), grid.length);
  const rows = (v: number[]) => gy.map((_, r) => v.slice(r * n, (r + 1) * n));
  const tint = (k: number) => mix(SEQUENCE[k % SEQUENCE.length], "#ffffff", 0.6);
  const data: Trace[] = [];
  if (prob) {
    data.push({ type: "heatmap", x: gx, y: gy, z: rows(prob), zmin: 0, zmax: 1, colorscale: [[0, tint(0)], [0.5, "#ffffff"], [1, tint(1)]], colorbar: colorbarBelowLegend(words(options.locale).probability), hoverinfo: "x+y+z" });
    data.push({ type: "contour", x: gx, y: gy, z: rows(prob), showscale: false, contours: { coloring: "none", start: 0.5, end: 0.5, size: 1 }, line: { color: "#222222", width: 2 }, showlegend: false, hoverinfo: "skip" });
  } else {
    const C = Math.max(...(classes as number[]), 1) + 1;
    const scale = Array.from({ length: C }, (_, k) => [[k / C, tint(k)], [(k + 1) / C, tint(k)]]).flat();
    data.push({ type: "heatmap", x: gx, y: gy, z: rows(classes as number[]), zmin: -0.5, zmax: C - 0.5, colorscale: scale, showscale: false, hoverinfo: "x+y+z" });
  }
  data.push(...classTraces(P, labels, options.classNames, 7, "decisionBoundary", options.locale));
  const layout = baseLayout(options, {
    xaxis: axis(options.xTitle, { showgrid: false, range: [gx[0], gx[n - 1]] }),
    yaxis: axis(options.yTitle, { showgrid: false, range: [gy[0], gy[n - 1]] }),
    showlegend: true, legend: LEGEND,
  });
  return new Figure({ data, layout });
}
