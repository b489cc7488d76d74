/** Heatmaps: confusion matrices, weight matrices, correlation tables. */
import { Figure, type Trace } from "./figure";
import { axis, baseLayout, type ChartOptions } from "./layout";
import { SCALES, words, type ColorScale, type ScaleName } from "./theme";
import { clean, toMatrix, type Matrix } from "./values";

/** Options for {@link heatmap}. */
export interface HeatmapOptions extends ChartOptions {
  /** Column labels (x ticks). Default 0, 1, ... */
  xLabels?: Array<string | number>;
  /** Row labels (y ticks). Default 0, 1, ... */
  yLabels?: Array<string | number>;
  /** Colour scale name or stops. Default "blues", or "rdbu" when `zmid` is set. */
  colorscale?: ScaleName | ColorScale;
  /** Write each value in its cell. Default: when there are at most 400 cells. */
  annotate?: boolean;
  /** Centre of a diverging scale (0 for weights): the range becomes symmetric around it. */
  zmid?: number;
  /** Colour bar title. Default none. */
  colorbarTitle?: string;
  /** Digits after the point in cell labels. Default 2 (integers are written as is). */
  digits?: number;
}

function ticks(labels: Array<string | number> | undefined, n: number, where: string): Record<string, unknown> {
  if (!labels) return n <= 30 ? { tickvals: Array.from({ length: n }, (_, i) => i) } : {};
  if (labels.length !== n) throw new Error(`${where}: expected ${n} labels, got ${labels.length}`);
  return { tickvals: labels.map((_, i) => i), ticktext: labels.map(String) };
}

/**
 * A heatmap of a matrix, row 0 at the top as it is printed.
 *
 * @param z - [R, C] array or tensor
 * @returns the figure: one heatmap trace (with cell texts when annotated)
 * @throws Error on a ragged or empty matrix, or label counts that do not match
 * @example
 * plot.heatmap(W1, { zmid: 0, title: "Веса первого слоя", colorbarTitle: "w" }).show();
 */
export function heatmap(z: Matrix, options: HeatmapOptions = {}): Figure {
  const m = toMatrix(z, "heatmap: z");
  if (m.length === 0 || m[0].length === 0) throw new Error("heatmap: expected a non-empty matrix");
  const [R, C] = [m.length, m[0].length];
  const flat = m.flat().filter((v) => Number.isFinite(v));
  let [zmin, zmax] = [Math.min(...flat), Math.max(...flat)];
  if (options.zmid !== undefined) {
    const r = Math.max(Math.abs(zmax - options.zmid), Math.abs(zmin - options.zmid)) || 1;
    [zmin, zmax] = [options.zmid - r, options.zmid + r];
  }
  const scale = Array.isArray(options.colorscale) ? options.colorscale : SCALES[options.colorscale ?? (options.zmid !== undefined ? "rdbu" : "blues")];
  const annotate = options.annotate ?? R * C <= 400;
  const digits = options.digits ?? 2;
  const trace: Trace = {
    type: "heatmap", x: Array.from({ length: C }, (_, i) => i), y: Array.from({ length: R }, (_, i) => i), z: m.map((r) => r.map(clean)),
    zmin, zmax, colorscale: scale, colorbar: options.colorbarTitle ? { title: { text: options.colorbarTitle } } : {}, hoverongaps: false,
  };
  if (annotate) {
    trace.text = m.map((r) => r.map((v) => (Number.isInteger(v) ? String(v) : v.toFixed(digits))));
    trace.texttemplate = "%{text}";
  }
  const layout = baseLayout({ ...options, height: options.height ?? Math.min(720, Math.max(360, 120 + 34 * R)) }, {
    xaxis: axis(options.xTitle, { showgrid: false, showline: false, ...ticks(options.xLabels, C, "heatmap: options.xLabels") }),
    yaxis: axis(options.yTitle, { showgrid: false, showline: false, autorange: "reversed", ...ticks(options.yLabels, R, "heatmap: options.yLabels") }),
  });
  return new Figure({ data: [trace], layout });
}

/** Options for {@link confusionMatrix}. */
export interface ConfusionOptions extends HeatmapOptions {
  /** Show each row as fractions of its true class. Default false (counts). */
  normalize?: boolean;
}

/**
 * A confusion matrix: rows are true classes, columns predicted ones, counts in the cells.
 *
 * @param cm - [C, C] counts
 * @param labels - class names. Default 0..C-1
 * @throws Error if the matrix is not square or a row is empty when normalizing
 * @example
 * plot.confusionMatrix(cm, ["neg", "pos"], { title: "Матрица ошибок" }).show();
 */
export function confusionMatrix(cm: Matrix, labels?: Array<string | number>, options: ConfusionOptions = {}): Figure {
  const m = toMatrix(cm, "confusionMatrix: cm");
  if (m.length === 0 || m.some((r) => r.length !== m.length)) throw new Error(`confusionMatrix: expected a square [C, C] matrix, got [${m.length}, ${m[0]?.length ?? 0}]`);
  const shown = options.normalize ? m.map((r, i) => {
    const total = r.reduce((s, v) => s + v, 0);
    if (total === 0) throw new Error(`confusionMatrix: row ${i} (true class ${labels?.[i] ?? i}) is empty and cannot be normalized`);
    return r.map((v) => v / total);
  }) : m;
  const w = words(options.locale);
  return heatmap(shown, { xTitle: w.predicted, yTitle: w.actual, xLabels: labels, yLabels: labels, annotate: true, ...options });
}
