/** Contour plots of a loss surface f(x, y), with optimizer paths drawn on top. */
import { Figure, type Trace } from "./figure";
import { axis, baseLayout, colorbarBelowLegend, LEGEND, type ChartOptions } from "./layout";
import { sampleGrid, logZ, type SurfaceFunction, type GridRange } from "./grid";
import { colorFor, SCALES, words, type ScaleName } from "./theme";
import { clean, toMatrix, type Matrix } from "./values";

/** One optimizer's trajectory. */
export interface Path {
  /** Legend name; optimizer names get the course colour. */
  name: string;
  /** Visited points, [T, 2] (array or tensor), starting point first. */
  points: Matrix;
  /** Colour, overriding the palette. */
  color?: string;
}

/** Options for {@link contour}. */
export interface ContourOptions extends ChartOptions, GridRange {
  /** Grid points per side. Default 80, range 2..400. */
  resolution?: number;
  /** Number of contour levels. Default 20. */
  levels?: number;
  /** Colour by log10 f, so narrow valleys (Rosenbrock) show their levels. Default false. */
  logLevels?: boolean;
  /** Optimizer paths to draw over the contours. */
  paths?: Path[];
  /** Location of the minimum, marked with a cross. */
  minimum?: [number, number];
  /** Colour scale. Default "viridis". */
  colorscale?: ScaleName;
}

/** The contour trace, path traces and layout shared by {@link contour} and `contourAnimation`. */
export function contourParts(f: SurfaceFunction, options: ContourOptions, where: string): { data: Trace[]; paths: Array<{ x: Array<number | null>; y: Array<number | null> }>; layout: ReturnType<typeof baseLayout> } {
  const g = sampleGrid(f, options.x, options.y, options.resolution ?? 80, where);
  const z = options.logLevels ? logZ(g.z) : g.z;
  const flat = z.flat().filter((v): v is number => v !== null);
  const [lo, hi] = [Math.min(...flat), Math.max(...flat)];
  const n = options.levels ?? 20;
  const surface: Trace = {
    type: "contour", x: g.x, y: g.y, z, colorscale: SCALES[options.colorscale ?? "viridis"], showlegend: false, hoverinfo: "x+y+z",
    contours: { coloring: "fill", showlines: true, start: lo, end: hi, size: (hi - lo) / n || 1 },
    line: { width: 0.5, color: "rgba(0,0,0,0.35)" }, colorbar: colorbarBelowLegend(options.logLevels ? "log₁₀ f" : "f"),
  };
  const paths = (options.paths ?? []).map((p, i) => {
    const pts = toMatrix(p.points, `${where}: paths[${i}].points`, 2);
    return { name: p.name, color: p.color ?? colorFor(p.name, i), x: pts.map((q) => clean(q[0])), y: pts.map((q) => clean(q[1])) };
  });
  const data: Trace[] = [surface, ...paths.map((p): Trace => ({
    type: "scatter", mode: "lines+markers", name: p.name, x: p.x, y: p.y,
    line: { color: p.color, width: 2.5 }, marker: { color: p.color, size: 5, line: { color: "#ffffff", width: 0.5 } },
  }))];
  if (options.minimum) {
    data.push({ type: "scatter", mode: "markers", name: words(options.locale).minimum, x: [options.minimum[0]], y: [options.minimum[1]],
      marker: { symbol: "x", size: 12, color: "#d62728", line: { width: 1, color: "#d62728" } } });
  }
  const layout = baseLayout(options, {
    xaxis: axis(options.xTitle, { range: options.x, showgrid: false }),
    yaxis: axis(options.yTitle, { range: options.y, showgrid: false }),
    showlegend: data.length > 1,
    legend: LEGEND,
  });
  return { data, paths, layout };
}

/**
 * Filled contours of f over a rectangle, with optimizer paths and the minimum on top.
 *
 * @param f - either `(x, y) => number`, called once per grid point with plain numbers, or a
 *   surface of the optimizer demos (`optim.rosenbrock()`, `optim.narrowValley()`, `optim.saddle()`,
 *   any `(points: tf.Tensor2D) => tf.Tensor` of one argument), called once on all grid points [P, 2]
 * @param options - ranges, resolution, levels, paths; see {@link ContourOptions}
 * @returns the figure: a contour trace (z[row = y index][col = x index]), one "lines+markers" trace
 *   per path, and a marker for the minimum
 * @throws Error on bad ranges or resolution (`contour: options.x: expected [min, max] with min < max`),
 *   bad path shapes, `(x, y) => ...` returning a non-number, or a surface not returning one value per point
 * @example
 * plot.contour((x, y) => x * x + 10 * y * y, { x: [-3, 3], y: [-2, 2], paths: [{ name: "SGD", points: sgdPath }] }).show();
 * const run = optim.optimizePath(optim.rosenbrock(), [-1.5, 2], { optimizer: new optim.Adam({ lr: 0.05 }), steps: 300 });
 * plot.contour(optim.rosenbrock(), { x: [-2, 2], y: [-1, 3], logLevels: true, minimum: [1, 1], paths: [{ name: "Adam", points: run.trajectory }] }).show();
 */
export function contour(f: SurfaceFunction, options: ContourOptions): Figure {
  if (!options) throw new Error("contour: expected options with x and y ranges, e.g. { x: [-2, 2], y: [-1, 3] }");
  const { data, layout } = contourParts(f, options, "contour");
  return new Figure({ data, layout });
}
