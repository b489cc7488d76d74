/** Line charts: loss and metric histories, train vs validation, several optimizers at once. */
import { Figure, type Trace } from "./figure";
import { axis, baseLayout, type ChartOptions } from "./layout";
import { colorFor } from "./theme";
import { clean, isTensor, toVector, type Vector } from "./values";

/** One line. */
export interface Series {
  /** Legend name; known names ("Adam", "train", "relu") get the course colour. */
  name?: string;
  /** y values. */
  y: Vector;
  /** x values, same length as y. Default 0, 1, 2, ... (or `LineOptions.x`). */
  x?: Vector;
  /** Colour, overriding the palette. */
  color?: string;
  /** "solid" (default), "dash" or "dot". */
  dash?: "solid" | "dash" | "dot";
  /** Draw markers at the points too. Default false. */
  markers?: boolean;
}

/** Options for {@link line}. */
export interface LineOptions extends ChartOptions {
  /** Shared x values for series that have none (e.g. epoch numbers). */
  x?: Vector;
  /** Logarithmic y axis (loss curves). Values must be positive. Default false. */
  logY?: boolean;
  /** Logarithmic x axis (learning-rate sweeps). Default false. */
  logX?: boolean;
}

/** What {@link line} accepts: one series, several, or a record name -> values (a training history). */
export type LineInput = Vector | Series | Series[] | Record<string, Vector>;

function isSeries(x: unknown): x is Series {
  return typeof x === "object" && x !== null && !isTensor(x) && "y" in x;
}

function toSeries(input: LineInput): Series[] {
  if (Array.isArray(input) && input.length > 0 && isSeries(input[0])) return input as Series[];
  if (isSeries(input)) return [input];
  if (isTensor(input) || (typeof input === "object" && input !== null && typeof (input as ArrayLike<number>).length === "number")) return [{ y: input as Vector }];
  if (typeof input === "object" && input !== null) return Object.entries(input as Record<string, Vector>).map(([name, y]) => ({ name, y }));
  throw new Error(`line: expected values, a series {y}, an array of series or a record name -> values, got ${String(input)}`);
}

function checkPositive(values: number[], label: string, axisName: string): void {
  const bad = values.findIndex((v) => Number.isFinite(v) && v <= 0);
  if (bad >= 0) throw new Error(`line: ${axisName} is logarithmic but ${label} has ${values[bad]} at index ${bad}; plot positive values (e.g. add a small epsilon) or drop the log option`);
}

/** A log axis; over two or more decades one tick per decade, as the static picture draws it. */
function logAxis(values: Array<number | null>): Record<string, unknown> {
  const pos = values.filter((v): v is number => v !== null && v > 0);
  const decades = pos.length ? Math.log10(Math.max(...pos)) - Math.log10(Math.min(...pos)) : 0;
  return decades >= 1.5 ? { type: "log", dtick: 1 } : { type: "log" };
}

/**
 * A line chart of one or more series.
 *
 * @param input - values, `{name, y, x?}` series, or a record like `{ train: losses, validation: valLosses }`
 * @param options - titles, log axes, shared x; see {@link LineOptions}
 * @returns the figure: one scatter trace (mode "lines") per series
 * @throws Error on non-numeric input, mismatched x/y lengths, or non-positive values on a log axis
 * @example
 * plot.line({ SGD: sgdLoss, Adam: adamLoss }, { logY: true, xTitle: "эпоха", yTitle: "потеря" }).show();
 */
export function line(input: LineInput, options: LineOptions = {}): Figure {
  const shared = options.x === undefined ? undefined : toVector(options.x, "line: options.x");
  const data: Trace[] = toSeries(input).map((s, i) => {
    const label = s.name ? `series "${s.name}"` : `series ${i}`;
    const y = toVector(s.y, `line: ${label} y`);
    const x = s.x !== undefined ? toVector(s.x, `line: ${label} x`) : shared ?? y.map((_, k) => k);
    if (x.length !== y.length) throw new Error(`line: ${label} has ${y.length} y values but ${x.length} x values`);
    if (options.logY) checkPositive(y, label, "y");
    if (options.logX) checkPositive(x, label, "x");
    const color = s.color ?? colorFor(s.name, i);
    return {
      type: "scatter", mode: s.markers ? "lines+markers" : "lines", name: s.name ?? `series ${i + 1}`,
      x: x.map(clean), y: y.map(clean), line: { color, width: 2.5, dash: s.dash ?? "solid" }, ...(s.markers ? { marker: { color, size: 6 } } : {}),
    };
  });
  const layout = baseLayout(options, {
    xaxis: axis(options.xTitle, options.logX ? logAxis(data.flatMap((t) => t.x as Array<number | null>)) : {}),
    yaxis: axis(options.yTitle, options.logY ? logAxis(data.flatMap((t) => t.y as Array<number | null>)) : {}),
    showlegend: data.length > 1,
  });
  return new Figure({ data, layout });
}
