/** Axis scales for the SVG renderer: data to pixels, linear or log, with readable ticks. */
import { fmtNum } from "./text";

/** One axis of one subplot, resolved to pixels. */
export interface Scale {
  log: boolean;
  /** Axis range in axis units (log10 of the value on log axes), as Plotly's `range`. */
  range: [number, number];
  /** Pixel positions of `range[0]` and `range[1]`. */
  pixels: [number, number];
  toPx(v: number): number | null;
  ticks: Array<{ px: number; label: string }>;
}

/** Axis options the renderer reads from a Plotly axis object. */
export interface AxisSpec {
  type?: string;
  range?: [number, number];
  autorange?: boolean | string;
  tickvals?: number[];
  ticktext?: string[];
  dtick?: number;
}

function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const r = raw / mag;
  return mag * (r < 1.5 ? 1 : r < 3.5 ? 2 : r < 7.5 ? 5 : 10);
}

/** Tick values at round numbers inside [a, b]. */
export function linearTicks(a: number, b: number, count: number): number[] {
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  if (!(hi > lo)) return [lo];
  const step = niceStep(hi - lo, count);
  const out: number[] = [];
  for (let k = Math.ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k++) out.push(Number((k * step).toPrecision(12)));
  return out;
}

/**
 * Builds a scale from an axis spec and the data extent on it.
 *
 * @param extent - [min, max] of the data in value units (positive values only on log axes)
 * @param pixels - pixel positions of the low and high ends
 */
export function makeScale(spec: AxisSpec, extent: [number, number], pixels: [number, number], tickCount: number): Scale {
  const log = spec.type === "log";
  let range: [number, number] = spec.range ? [spec.range[0], spec.range[1]] : log ? [Math.log10(extent[0]), Math.log10(extent[1])] : extent;
  if (range[0] === range[1]) range = [range[0] - 1, range[1] + 1];
  if (spec.autorange === "reversed" && !spec.range) range = [range[1], range[0]];
  const [p0, p1] = pixels;
  const lin = (u: number) => p0 + ((u - range[0]) / (range[1] - range[0])) * (p1 - p0);
  const toPx = (v: number) => (!Number.isFinite(v) || (log && v <= 0) ? null : lin(log ? Math.log10(v) : v));
  let ticks: Array<{ px: number; label: string }>;
  if (spec.tickvals) {
    ticks = spec.tickvals.map((v, i) => ({ px: toPx(v) ?? NaN, label: spec.ticktext?.[i] ?? fmtNum(v) }));
  } else if (log && Math.abs(range[1] - range[0]) >= 1.5) {
    const every = Math.max(1, Math.ceil(Math.abs(range[1] - range[0]) / 8));
    ticks = linearTicks(range[0], range[1], 100).filter((k) => Number.isInteger(k) && k % every === 0).map((k) => ({ px: lin(k), label: fmtNum(10 ** k) }));
  } else {
    const vals = log ? linearTicks(10 ** Math.min(...range), 10 ** Math.max(...range), tickCount) : linearTicks(range[0], range[1], tickCount);
    ticks = vals.map((v) => ({ px: toPx(v) ?? NaN, label: fmtNum(v) }));
  }
  const inside = (p: number) => p >= Math.min(p0, p1) - 0.5 && p <= Math.max(p0, p1) + 0.5;
  return { log, range, pixels, toPx, ticks: ticks.filter((t) => Number.isFinite(t.px) && inside(t.px)) };
}
