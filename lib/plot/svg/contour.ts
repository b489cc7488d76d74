/** Contour traces in SVG: filled bands (cells coloured by level band) and marching-squares lines. */
import type { Trace } from "../spec";
import { at, scaleOf, withAlpha } from "./color";
import { centres } from "./extent";
import type { Scale } from "./scale";
import { px } from "./text";
import { drawCells, zRange } from "./traces";

type Num = number | null;

/** The levels Plotly would draw: contours.start/end/size, or ncontours (default 15) across z. */
export function levels(t: Trace): number[] {
  const c = (t.contours ?? {}) as { start?: number; end?: number; size?: number };
  const [lo, hi] = zRange(t);
  const start = c.start ?? lo;
  const end = c.end ?? hi;
  const size = c.size && c.size > 0 ? c.size : (end - start) / (typeof t.ncontours === "number" ? t.ncontours : 15);
  const out: number[] = [];
  for (let v = start; v <= end + size * 1e-9 && out.length < 200; v += size) out.push(v);
  return out;
}

/** Where the level crosses the edge between two corners, as a fraction from the first. */
function cross(a: number, b: number, level: number): number {
  return a === b ? 0.5 : (level - a) / (b - a);
}

/** Line segments of one level through the grid (ambiguous saddles resolved one fixed way). */
export function isoSegments(z: Num[][], level: number): Array<[number, number, number, number]> {
  const segs: Array<[number, number, number, number]> = [];
  for (let r = 0; r + 1 < z.length; r++) {
    for (let c = 0; c + 1 < z[r].length; c++) {
      const v = [z[r][c], z[r][c + 1], z[r + 1][c + 1], z[r + 1][c]];
      if (v.some((q) => q === null || !Number.isFinite(q))) continue;
      const [a, b, d, e] = v as number[];
      // Crossing points on the four edges, in (col, row) grid units.
      const pts: Array<[number, number]> = [];
      if ((a < level) !== (b < level)) pts.push([c + cross(a, b, level), r]);
      if ((b < level) !== (d < level)) pts.push([c + 1, r + cross(b, d, level)]);
      if ((e < level) !== (d < level)) pts.push([c + cross(e, d, level), r + 1]);
      if ((a < level) !== (e < level)) pts.push([c, r + cross(a, e, level)]);
      for (let i = 0; i + 1 < pts.length; i += 2) segs.push([pts[i][0], pts[i][1], pts[i + 1][0], pts[i + 1][1]]);
    }
  }
  return segs;
}

/** Maps fractional grid coordinates to data coordinates by linear interpolation. */
function gridToData(c: number[], g: number): number {
  const i = Math.min(Math.floor(g), c.length - 2);
  return c[i] + (c[i + 1] - c[i]) * (g - i);
}

export function drawContour(t: Trace, sx: Scale, sy: Scale): string {
  const z = (t.z as Num[][]) ?? [];
  if (z.length < 2 || (z[0]?.length ?? 0) < 2) return "";
  const scale = scaleOf(t);
  const [lo, hi] = zRange(t);
  const lv = levels(t);
  const spec = (t.contours ?? {}) as { coloring?: string; showlines?: boolean };
  const coloring = spec.coloring ?? "fill";
  const size = lv.length > 1 ? lv[1] - lv[0] : hi - lo;
  const band = (v: number) => {
    const k = Math.floor((v - lv[0]) / size);
    return at(scale, (lv[0] + (k + 0.5) * size - lo) / (hi - lo));
  };
  let out = coloring === "fill" || coloring === "heatmap" ? drawCells(t, sx, sy, band) : "";
  if (spec.showlines === false) return out;
  const cx = centres(t.x, z[0].length);
  const cy = centres(t.y, z.length);
  const line = (t.line ?? {}) as { color?: string; width?: number };
  for (const level of lv) {
    let d = "";
    for (const [c0, r0, c1, r1] of isoSegments(z, level)) {
      const X0 = sx.toPx(gridToData(cx, c0));
      const Y0 = sy.toPx(gridToData(cy, r0));
      const X1 = sx.toPx(gridToData(cx, c1));
      const Y1 = sy.toPx(gridToData(cy, r1));
      if (X0 === null || Y0 === null || X1 === null || Y1 === null) continue;
      d += `M${px(X0)} ${px(Y0)}L${px(X1)} ${px(Y1)}`;
    }
    const { color, opacity } = withAlpha(coloring === "lines" ? at(scale, (level - lo) / (hi - lo)) : (line.color ?? "rgba(0,0,0,0.35)"));
    if (d) out += `<path d="${d}" fill="none" stroke="${color}" stroke-opacity="${opacity}" stroke-width="${line.width ?? (coloring === "lines" ? 1.5 : 0.7)}"/>`;
  }
  return out;
}
