/** Cartesian subplots for the SVG renderer: axis domains, scales, grid lines, ticks and titles. */
import type { Layout, Trace } from "../spec";
import { extentOf, traceValues } from "./extent";
import { makeScale, type AxisSpec, type Scale } from "./scale";
import { lines, px, text } from "./text";

/** Plotly axis fields the renderer reads. */
export interface AxisLayout extends AxisSpec {
  domain?: [number, number];
  title?: { text?: string };
  visible?: boolean;
  showgrid?: boolean;
  showticklabels?: boolean;
  scaleanchor?: string;
  gridcolor?: string;
}

/** A pair of axes with its traces. */
export interface Subplot {
  x: string;
  y: string;
  sx: Scale;
  sy: Scale;
  traces: Trace[];
}

/** "x2" -> "xaxis2". */
export function axisKey(ref: string): string {
  return ref[0] + "axis" + ref.slice(1);
}

/** Plot area in pixels (Plotly's "paper"). */
export interface Area {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Groups traces by axis pair and builds each pair's scales inside `area`. */
export function subplots(data: Trace[], layout: Layout, area: Area, fontSize: number): Subplot[] {
  const pairs = new Map<string, Trace[]>();
  for (const t of data) {
    const k = `${(t.xaxis as string) ?? "x"}|${(t.yaxis as string) ?? "y"}`;
    pairs.set(k, [...(pairs.get(k) ?? []), t]);
  }
  const on = (ref: string, dim: "x" | "y") => data.filter((t) => ((t[`${dim}axis`] as string) ?? dim) === ref).map((t) => traceValues(t, dim));
  return [...pairs.entries()].map(([k, traces]) => {
    const [x, y] = k.split("|");
    const ax = (layout[axisKey(x)] ?? {}) as AxisLayout;
    const ay = (layout[axisKey(y)] ?? {}) as AxisLayout;
    const dx = ax.domain ?? [0, 1];
    const dy = ay.domain ?? [0, 1];
    let px0 = area.left + dx[0] * area.width;
    let px1 = area.left + dx[1] * area.width;
    let py0 = area.top + (1 - dy[0]) * area.height;
    let py1 = area.top + (1 - dy[1]) * area.height;
    const ex = extentOf(on(x, "x"), ax.type === "log");
    const ey = extentOf(on(y, "y"), ay.type === "log");
    if (ay.scaleanchor === x && ax.type !== "log" && ay.type !== "log") {
      // Equal units on both axes: shrink the longer side around its centre.
      const rx = ax.range ? Math.abs(ax.range[1] - ax.range[0]) : ex[1] - ex[0];
      const ry = ay.range ? Math.abs(ay.range[1] - ay.range[0]) : ey[1] - ey[0];
      const unit = Math.min((px1 - px0) / rx, (py0 - py1) / ry);
      const [mx, my] = [(px0 + px1) / 2, (py0 + py1) / 2];
      [px0, px1] = [mx - (unit * rx) / 2, mx + (unit * rx) / 2];
      [py0, py1] = [my + (unit * ry) / 2, my - (unit * ry) / 2];
    }
    const sx = makeScale(ax, ex, [px0, px1], Math.max(2, Math.round((px1 - px0) / (fontSize * 6))));
    const sy = makeScale(ay, ey, [py0, py1], Math.max(2, Math.round((py0 - py1) / (fontSize * 3.5))));
    return { x, y, sx, sy, traces };
  });
}

/** Grid lines, axis lines, tick labels and axis titles of one subplot. */
export function drawAxes(p: Subplot, layout: Layout, fontSize: number): string {
  const ax = (layout[axisKey(p.x)] ?? {}) as AxisLayout;
  const ay = (layout[axisKey(p.y)] ?? {}) as AxisLayout;
  const [x0, x1] = [Math.min(...p.sx.pixels), Math.max(...p.sx.pixels)];
  const [y0, y1] = [Math.min(...p.sy.pixels), Math.max(...p.sy.pixels)];
  const small = fontSize * 0.85;
  let out = "";
  if (ax.visible !== false) {
    if (ax.showgrid !== false) out += p.sx.ticks.map((t) => `<path d="M${px(t.px)} ${px(y0)}V${px(y1)}" stroke="${ax.gridcolor ?? "#e6e6e6"}"/>`).join("");
    out += `<path d="M${px(x0)} ${px(y1)}H${px(x1)}" stroke="#444"/>`;
    if (ax.showticklabels !== false) out += p.sx.ticks.map((t) => `<path d="M${px(t.px)} ${px(y1)}v5" stroke="#444"/>` + text(t.px, y1 + 7 + small, t.label, small)).join("");
    const title = lines(ax.title?.text).join(" ");
    if (title) out += text((x0 + x1) / 2, y1 + (ax.showticklabels === false ? 8 : 14) + small + fontSize, title, fontSize);
  }
  if (ay.visible !== false) {
    if (ay.showgrid !== false) out += p.sy.ticks.map((t) => `<path d="M${px(x0)} ${px(t.px)}H${px(x1)}" stroke="${ay.gridcolor ?? "#e6e6e6"}"/>`).join("");
    out += `<path d="M${px(x0)} ${px(y0)}V${px(y1)}" stroke="#444"/>`;
    if (ay.showticklabels !== false) out += p.sy.ticks.map((t) => `<path d="M${px(x0)} ${px(t.px)}h-5" stroke="#444"/>` + text(x0 - 8, t.px + small * 0.35, t.label, small, "end")).join("");
    const title = lines(ay.title?.text).join(" ");
    const widest = Math.max(0, ...p.sy.ticks.map((t) => t.label.length)) * small * 0.58;
    if (title) out += text(x0 - widest - 18, (y0 + y1) / 2, title, fontSize, "middle", { rotate: -90 });
  }
  return out;
}
