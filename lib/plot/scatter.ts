/** Scatter plots of 2-D points coloured by class (datasets, embeddings, classifier inputs). */
import { Figure, type Trace } from "./figure";
import { baseLayout, type ChartOptions } from "./layout";
import { SEQUENCE, words } from "./theme";
import { clean, toMatrix, toVector, type Matrix, type Vector } from "./values";

/** Options for {@link scatter}. */
export interface ScatterOptions extends ChartOptions {
  /** Class of each point (integers 0..C-1). Default: all one class. */
  labels?: Vector;
  /** Legend names of the classes. Default "класс 0", "класс 1", ... in the current locale. */
  classNames?: string[];
  /** Marker diameter in pixels. Default 7. */
  size?: number;
}

/**
 * One scatter trace per class, in the course's class colours (class k gets SEQUENCE[k]).
 *
 * @param points - [N, 2]
 * @param labels - [N] integer classes, or undefined for one class
 * @throws Error if labels are not integers >= 0 or their count differs from N
 */
export function classTraces(points: Matrix, labels: Vector | undefined, names: string[] | undefined, size: number, where: string, locale?: "ru" | "en"): Trace[] {
  const P = toMatrix(points, `${where}: points`, 2);
  const y = labels === undefined ? P.map(() => 0) : toVector(labels, `${where}: labels`);
  if (y.length !== P.length) throw new Error(`${where}: ${P.length} points but ${y.length} labels`);
  const bad = y.findIndex((v) => !Number.isInteger(v) || v < 0);
  if (bad >= 0) throw new Error(`${where}: labels must be class indices 0, 1, ..., got ${y[bad]} at index ${bad}`);
  const classes = [...new Set(y)].sort((a, b) => a - b);
  return classes.map((k) => {
    const idx = y.flatMap((v, i) => (v === k ? [i] : []));
    return {
      type: "scatter", mode: "markers", name: names?.[k] ?? (labels === undefined ? "" : `${words(locale).cls} ${k}`),
      x: idx.map((i) => clean(P[i][0])), y: idx.map((i) => clean(P[i][1])),
      marker: { color: SEQUENCE[k % SEQUENCE.length], size, opacity: 0.85, line: { color: "#ffffff", width: 0.5 } },
    };
  });
}

/**
 * A scatter plot of points, coloured by class.
 *
 * @param points - [N, 2] array or tensor
 * @param options - labels, class names, titles; see {@link ScatterOptions}
 * @returns the figure: one "markers" trace per class
 * @example
 * plot.scatter(X, { labels: y, classNames: ["кружки", "крестики"], title: "Данные" }).show();
 */
export function scatter(points: Matrix, options: ScatterOptions = {}): Figure {
  const data = classTraces(points, options.labels, options.classNames, options.size ?? 7, "scatter", options.locale);
  return new Figure({ data, layout: baseLayout(options, { showlegend: data.length > 1 }) });
}
