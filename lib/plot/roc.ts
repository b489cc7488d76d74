/** ROC curves with the area under each in the legend. */
import { Figure, type Trace } from "./figure";
import { axis, baseLayout, type ChartOptions } from "./layout";
import { colorFor, words } from "./theme";
import { toVector, type Vector } from "./values";

/** An ROC curve: its points, the score thresholds that give them, and the area under it. */
export interface RocPoints {
  fpr: number[];
  tpr: number[];
  /** thresholds[i] gives (fpr[i], tpr[i]) when predicting 1 for score >= threshold; the first is +Infinity. */
  thresholds: number[];
  auc: number;
}

/**
 * ROC points of binary scores, one per distinct score (as scikit-learn's `roc_curve` with
 * `drop_intermediate=False`), and the trapezoidal AUC.
 *
 * @param yTrue - [N] labels 0 or 1, both present
 * @param scores - [N] scores, higher meaning class 1
 * @throws Error on length mismatch, labels other than 0/1, or a single class
 */
export function rocPoints(yTrue: Vector, scores: Vector): RocPoints {
  const y = toVector(yTrue, "rocPoints: yTrue");
  const s = toVector(scores, "rocPoints: scores");
  if (y.length !== s.length) throw new Error(`rocPoints: ${y.length} labels but ${s.length} scores`);
  const bad = y.findIndex((v) => v !== 0 && v !== 1);
  if (bad >= 0) throw new Error(`rocPoints: labels must be 0 or 1, got ${y[bad]} at index ${bad}`);
  const P = y.filter((v) => v === 1).length;
  const N = y.length - P;
  if (P === 0 || N === 0) throw new Error(`rocPoints: need both classes, got ${P} positives and ${N} negatives`);
  const order = s.map((_, i) => i).sort((a, b) => s[b] - s[a]);
  const fpr = [0];
  const tpr = [0];
  const thresholds = [Infinity];
  let tp = 0;
  let fp = 0;
  order.forEach((i, k) => {
    if (y[i] === 1) tp++;
    else fp++;
    if (k + 1 === order.length || s[order[k + 1]] !== s[i]) {
      fpr.push(fp / N);
      tpr.push(tp / P);
      thresholds.push(s[i]);
    }
  });
  let auc = 0;
  for (let k = 1; k < fpr.length; k++) auc += ((fpr[k] - fpr[k - 1]) * (tpr[k] + tpr[k - 1])) / 2;
  return { fpr, tpr, thresholds, auc };
}

/** A curve to draw: labels and scores, or precomputed points. */
export type RocInput = { name: string; yTrue: Vector; scores: Vector; color?: string } | { name: string; fpr: Vector; tpr: Vector; auc?: number; color?: string };

/** Options for {@link roc}. */
export interface RocOptions extends ChartOptions {
  /** Digits of the AUC in the legend. Default 3. */
  digits?: number;
}

/**
 * ROC curves of one or more classifiers, the chance diagonal, and "name (AUC = 0.912)" in the legend.
 *
 * @returns the figure: one line per curve, then the dashed diagonal
 * @throws Error as {@link rocPoints} does, or if fpr and tpr differ in length
 * @example
 * plot.roc([{ name: "логрегрессия", yTrue: y, scores: p }], { title: "ROC" }).show();
 */
export function roc(curves: RocInput | RocInput[], options: RocOptions = {}): Figure {
  const list = Array.isArray(curves) ? curves : [curves];
  if (list.length === 0) throw new Error("roc: expected at least one curve");
  const w = words(options.locale);
  const data: Trace[] = list.map((c, i) => {
    let pts: { fpr: number[]; tpr: number[]; auc: number };
    if ("scores" in c) pts = rocPoints(c.yTrue, c.scores);
    else {
      const fpr = toVector(c.fpr, `roc: curve "${c.name}" fpr`);
      const tpr = toVector(c.tpr, `roc: curve "${c.name}" tpr`);
      if (fpr.length !== tpr.length) throw new Error(`roc: curve "${c.name}" has ${fpr.length} fpr but ${tpr.length} tpr values`);
      let area = 0;
      for (let k = 1; k < fpr.length; k++) area += ((fpr[k] - fpr[k - 1]) * (tpr[k] + tpr[k - 1])) / 2;
      pts = { fpr, tpr, auc: c.auc ?? area };
    }
    const color = c.color ?? colorFor(c.name, i);
    return { type: "scatter", mode: "lines", name: `${c.name} (AUC = ${pts.auc.toFixed(options.digits ?? 3)})`, x: pts.fpr, y: pts.tpr, line: { color, width: 2.5, shape: "linear" } };
  });
  data.push({ type: "scatter", mode: "lines", name: w.chance, x: [0, 1], y: [0, 1], line: { color: "#888888", width: 1.5, dash: "dash" }, hoverinfo: "skip" });
  const layout = baseLayout({ ...options, height: options.height ?? 480 }, {
    xaxis: axis(options.xTitle ?? w.fpr, { range: [0, 1], constrain: "domain" }),
    yaxis: axis(options.yTitle ?? w.tpr, { range: [0, 1], scaleanchor: "x", constrain: "domain" }),
    showlegend: true, legend: { x: 0.98, xanchor: "right", y: 0.02, yanchor: "bottom", bgcolor: "rgba(255,255,255,0.8)" },
  });
  return new Figure({ data, layout });
}
