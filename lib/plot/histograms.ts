/** A grid of histograms, one panel per group (activations or gradients per layer). */
import { Figure, type Trace } from "./figure";
import { axis, axisRefs, baseLayout, gridDomains, type ChartOptions } from "./layout";
import { colorFor, words } from "./theme";
import { checkInt, checkRange, isTensor, toVector } from "./values";

/** Values of one panel: any array or tensor, flattened. */
export type Values = ArrayLike<number> | ArrayLike<ArrayLike<number>> | { shape: number[]; arraySync(): unknown };

/** One panel. */
export interface HistogramGroup {
  name: string;
  values: Values;
  color?: string;
}

/** Options for {@link histogramGrid}. */
export interface HistogramGridOptions extends ChartOptions {
  /** Bins per panel. Default 40, range 1..500. */
  bins?: number;
  /** Panels per row. Default min(groups, 3). */
  columns?: number;
  /** Bin range for all panels; values outside are not counted. Default: the range of all values, shared. */
  range?: [number, number];
  /** Give each panel its own range instead of a shared one. Default false. */
  ownRange?: boolean;
  /** Add mean and standard deviation to each panel title. Default true. */
  stats?: boolean;
}

function flatten(v: Values, where: string): number[] {
  const raw = isTensor(v) ? v.arraySync() : v;
  const flat = Array.isArray(raw) || ArrayBuffer.isView(raw) ? (Array.from(raw as ArrayLike<unknown>) as unknown[]).flat(Infinity) : raw;
  return toVector(flat as number[], where).filter((x) => Number.isFinite(x));
}

/** Counts of values in `bins` equal bins over [lo, hi] (the last bin includes hi). */
export function binCounts(values: number[], lo: number, hi: number, bins: number): number[] {
  const counts = new Array<number>(bins).fill(0);
  const size = (hi - lo) / bins;
  for (const v of values) {
    if (v < lo || v > hi) continue;
    counts[Math.min(bins - 1, Math.floor((v - lo) / size))] += 1;
  }
  return counts;
}

const fmt = (v: number) => (Math.abs(v) < 1e-3 && v !== 0 ? v.toExponential(1) : v.toFixed(3));

/**
 * Histograms of several groups of values side by side, binned here so the figure stays small.
 *
 * @param groups - a record name -> values, or `{name, values, color?}` panels; tensors of any rank
 * @returns the figure: one bar trace per panel, each on its own axes, panel titles as annotations
 * @throws Error on empty input, non-numeric values, or bad bins/range
 * @example
 * plot.histogramGrid({ "слой 1": a1, "слой 2": a2, "слой 3": a3 }, { title: "Активации tanh" }).show();
 */
export function histogramGrid(groups: Record<string, Values> | HistogramGroup[], options: HistogramGridOptions = {}): Figure {
  const list: HistogramGroup[] = Array.isArray(groups) ? groups : Object.entries(groups ?? {}).map(([name, values]) => ({ name, values }));
  if (list.length === 0) throw new Error("histogramGrid: expected at least one group of values");
  const bins = checkInt(options.bins ?? 40, 1, 500, "histogramGrid: options.bins");
  const cols = checkInt(options.columns ?? Math.min(list.length, 3), 1, list.length, "histogramGrid: options.columns");
  const rows = Math.ceil(list.length / cols);
  const values = list.map((g, i) => flatten(g.values, `histogramGrid: group "${g.name ?? i}"`));
  const all = values.flat();
  const shared = options.range ? checkRange(options.range, "histogramGrid: options.range") : ([Math.min(...all), Math.max(...all)] as [number, number]);
  const domains = gridDomains(rows, cols, 0.1);
  const data: Trace[] = [];
  const layout = baseLayout({ ...options, height: options.height ?? 220 + 190 * rows }, { showlegend: false, annotations: [] as unknown[], bargap: 0 });
  delete layout.xaxis;
  delete layout.yaxis;
  list.forEach((g, i) => {
    const v = values[i];
    let [lo, hi] = options.ownRange && v.length ? [Math.min(...v), Math.max(...v)] : shared;
    if (!(hi > lo)) [lo, hi] = [lo - 0.5, hi + 0.5];
    const size = (hi - lo) / bins;
    const ref = axisRefs(i);
    data.push({ type: "bar", name: g.name, xaxis: ref.x, yaxis: ref.y, x: binCounts(v, lo, hi, bins).map((_, k) => lo + (k + 0.5) * size), y: binCounts(v, lo, hi, bins), width: size, marker: { color: g.color ?? colorFor(g.name, i) }, opacity: 0.85 });
    const bottom = Math.floor(i / cols) === rows - 1 || i + cols >= list.length;
    layout[ref.xKey] = axis(bottom ? options.xTitle : undefined, { domain: domains[i].x, anchor: ref.y });
    layout[ref.yKey] = axis(i % cols === 0 ? (options.yTitle ?? words(options.locale).count) : undefined, { domain: domains[i].y, anchor: ref.x });
    const mean = v.reduce((s, x) => s + x, 0) / (v.length || 1);
    const std = Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / (v.length || 1));
    const label = options.stats === false ? g.name : `${g.name}: μ = ${fmt(mean)}, σ = ${fmt(std)}`;
    (layout.annotations as unknown[]).push({ text: label, x: (domains[i].x[0] + domains[i].x[1]) / 2, y: domains[i].y[1], xref: "paper", yref: "paper", xanchor: "center", yanchor: "bottom", showarrow: false, font: { size: 13 } });
  });
  return new Figure({ data, layout });
}
