/** Data extents per axis, as Plotly's autorange would find them for the traces we draw. */
import type { Trace } from "../spec";

type Num = number | null;

/** Cell centres of a heatmap/contour along one side, or 0..n-1 when not given. */
export function centres(given: unknown, n: number): number[] {
  return Array.isArray(given) && given.length === n ? (given as number[]) : Array.from({ length: n }, (_, i) => i);
}

/** Edges between cell centres, extended half a cell at both ends. */
export function edges(c: number[]): number[] {
  if (c.length === 1) return [c[0] - 0.5, c[0] + 0.5];
  const out = [c[0] - (c[1] - c[0]) / 2];
  for (let i = 1; i < c.length; i++) out.push((c[i - 1] + c[i]) / 2);
  out.push(c[c.length - 1] + (c[c.length - 1] - c[c.length - 2]) / 2);
  return out;
}

/** The values a trace puts on its x ("x") or y ("y") axis, and whether markers want padding. */
export function traceValues(t: Trace, dim: "x" | "y"): { values: Num[]; pad: boolean } {
  const z = t.z as Num[][] | undefined;
  if ((t.type === "heatmap" || t.type === "contour") && z) {
    const n = dim === "x" ? (z[0]?.length ?? 0) : z.length;
    const c = centres(t[dim], n);
    return { values: t.type === "heatmap" ? edges(c) : c, pad: false };
  }
  if (t.type === "bar") {
    const x = (t.x as Num[]) ?? [];
    const w = typeof t.width === "number" ? t.width : 0.8;
    if (dim === "x") return { values: x.flatMap((v) => (v === null ? [] : [v - w / 2, v + w / 2])), pad: false };
    return { values: [0, ...((t.y as Num[]) ?? [])], pad: true };
  }
  const own = t[dim] as Num[] | undefined;
  const other = (t[dim === "x" ? "y" : "x"] as Num[] | undefined) ?? [];
  const values = own ?? other.map((_, i) => i);
  return { values, pad: String(t.mode ?? "lines").includes("markers") || dim === "y" };
}

/**
 * [min, max] of the values with a little room, in value units.
 *
 * @param log - only positive values count, and padding is multiplicative
 */
export function extentOf(parts: Array<{ values: Num[]; pad: boolean }>, log: boolean): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  let pad = false;
  for (const p of parts) {
    pad ||= p.pad;
    for (const v of p.values) {
      if (v === null || !Number.isFinite(v) || (log && v <= 0)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (lo > hi) return log ? [1, 10] : [0, 1];
  if (!pad) return [lo, hi];
  if (log) {
    const f = (Math.log10(hi) - Math.log10(lo)) * 0.04 || 0.1;
    return [lo / 10 ** f, hi * 10 ** f];
  }
  const d = (hi - lo) * 0.04 || Math.abs(hi) * 0.1 || 1;
  return [lo - d, hi + d];
}
