/** Drawing cartesian traces (scatter, bar, heatmap) into SVG, given the subplot's scales. */
import type { Trace } from "../spec";
import { at, parse, scaleOf, withAlpha } from "./color";
import { centres, edges } from "./extent";
import type { Scale } from "./scale";
import { fmtNum, px, text } from "./text";

type Num = number | null;

const DASH: Record<string, string> = { dash: "7,4", dot: "2,3", dashdot: "7,3,2,3", longdash: "12,4" };

/** Polyline through (x, y) with breaks at missing points. */
function linePath(xs: Num[], ys: Num[], sx: Scale, sy: Scale): string {
  let d = "";
  let open = false;
  for (let i = 0; i < ys.length; i++) {
    const X = xs[i] === null ? null : sx.toPx(xs[i] as number);
    const Y = ys[i] === null ? null : sy.toPx(ys[i] as number);
    if (X === null || Y === null) {
      open = false;
      continue;
    }
    d += `${open ? "L" : "M"}${px(X)} ${px(Y)}`;
    open = true;
  }
  return d;
}

export function drawScatter(t: Trace, sx: Scale, sy: Scale): string {
  const ys = (t.y as Num[]) ?? [];
  const xs = (t.x as Num[]) ?? ys.map((_, i) => i);
  const mode = String(t.mode ?? "lines");
  const line = (t.line ?? {}) as { color?: string; width?: number; dash?: string };
  const marker = (t.marker ?? {}) as { color?: string | string[]; size?: number; opacity?: number; symbol?: string; line?: { color?: string; width?: number } };
  const op = typeof t.opacity === "number" ? t.opacity : 1;
  let out = "";
  if (mode.includes("lines")) {
    const d = linePath(xs, ys, sx, sy);
    const dash = line.dash && DASH[line.dash] ? ` stroke-dasharray="${DASH[line.dash]}"` : "";
    if (d) out += `<path d="${d}" fill="none" stroke="${line.color ?? "#1f77b4"}" stroke-width="${line.width ?? 2}" stroke-linejoin="round" opacity="${op}"${dash}/>`;
  }
  if (mode.includes("markers")) {
    const r = (marker.size ?? 6) / 2;
    const stroke = marker.line?.color ? ` stroke="${marker.line.color}" stroke-width="${marker.line.width ?? 1}"` : "";
    for (let i = 0; i < ys.length; i++) {
      const X = xs[i] === null ? null : sx.toPx(xs[i] as number);
      const Y = ys[i] === null ? null : sy.toPx(ys[i] as number);
      if (X === null || Y === null) continue;
      const fill = Array.isArray(marker.color) ? marker.color[i] : (marker.color ?? line.color ?? "#1f77b4");
      const mop = (marker.opacity ?? 1) * op;
      if (marker.symbol === "x") {
        out += `<path d="M${px(X - r)} ${px(Y - r)}L${px(X + r)} ${px(Y + r)}M${px(X - r)} ${px(Y + r)}L${px(X + r)} ${px(Y - r)}" stroke="${fill}" stroke-width="2.5" opacity="${mop}"/>`;
      } else {
        out += `<circle cx="${px(X)}" cy="${px(Y)}" r="${px(r)}" fill="${fill}" fill-opacity="${mop}"${stroke}/>`;
      }
    }
  }
  return out;
}

export function drawBar(t: Trace, sx: Scale, sy: Scale): string {
  const xs = (t.x as Num[]) ?? [];
  const ys = (t.y as Num[]) ?? [];
  const w = typeof t.width === "number" ? t.width : 0.8;
  const marker = (t.marker ?? {}) as { color?: string };
  const { color, opacity } = withAlpha(marker.color ?? "#1f77b4");
  const op = (typeof t.opacity === "number" ? t.opacity : 1) * opacity;
  const y0 = sy.toPx(sy.log ? 10 ** Math.min(...sy.range) : 0) ?? sy.pixels[0];
  let out = `<g fill="${color}" fill-opacity="${op}">`;
  for (let i = 0; i < xs.length; i++) {
    const a = sx.toPx((xs[i] ?? NaN) - w / 2);
    const b = sx.toPx((xs[i] ?? NaN) + w / 2);
    const top = sy.toPx(ys[i] ?? NaN);
    if (a === null || b === null || top === null || ys[i] === 0) continue;
    out += `<rect x="${px(Math.min(a, b))}" y="${px(Math.min(top, y0))}" width="${px(Math.abs(b - a))}" height="${px(Math.abs(y0 - top))}"/>`;
  }
  return out + "</g>";
}

/** z range of a heatmap-like trace: zmin/zmax if given, else the data's. */
export function zRange(t: Trace): [number, number] {
  const flat = ((t.z as Num[][]) ?? []).flat().filter((v): v is number => v !== null && Number.isFinite(v));
  const lo = typeof t.zmin === "number" ? t.zmin : Math.min(...flat);
  const hi = typeof t.zmax === "number" ? t.zmax : Math.max(...flat);
  return [lo, hi > lo ? hi : lo + 1];
}

/** Cells as rectangles, with equal-coloured runs in a row merged to keep the SVG small. */
export function drawCells(t: Trace, sx: Scale, sy: Scale, colorOf: (v: number) => string): string {
  const z = (t.z as Num[][]) ?? [];
  const ex = edges(centres(t.x, z[0]?.length ?? 0)).map((v) => sx.toPx(v) ?? NaN);
  const ey = edges(centres(t.y, z.length)).map((v) => sy.toPx(v) ?? NaN);
  const op = typeof t.opacity === "number" ? t.opacity : 1;
  let out = `<g opacity="${op}" shape-rendering="crispEdges">`;
  for (let r = 0; r < z.length; r++) {
    let c = 0;
    while (c < z[r].length) {
      const v = z[r][c];
      const color = v === null ? null : colorOf(v);
      let end = c + 1;
      while (end < z[r].length && z[r][end] !== null && color !== null && colorOf(z[r][end] as number) === color) end++;
      if (color !== null) {
        const x0 = Math.min(ex[c], ex[end]);
        const y0 = Math.min(ey[r], ey[r + 1]);
        out += `<rect x="${px(x0)}" y="${px(y0)}" width="${px(Math.abs(ex[end] - ex[c]) + 0.4)}" height="${px(Math.abs(ey[r + 1] - ey[r]) + 0.4)}" fill="${color}"/>`;
      }
      c = end;
    }
  }
  return out + "</g>";
}

export function drawHeatmap(t: Trace, sx: Scale, sy: Scale, fontSize: number): string {
  const scale = scaleOf(t);
  const [lo, hi] = zRange(t);
  const colorOf = (v: number) => at(scale, (v - lo) / (hi - lo));
  let out = drawCells(t, sx, sy, colorOf);
  const labels = t.text as Array<Array<string | number>> | undefined;
  if (labels && t.texttemplate) {
    const z = t.z as Num[][];
    const cx = centres(t.x, z[0]?.length ?? 0);
    const cy = centres(t.y, z.length);
    z.forEach((row, r) => row.forEach((v, c) => {
      const [R, G, B] = parse(colorOf(v ?? lo));
      const ink = 0.299 * R + 0.587 * G + 0.114 * B > 140 ? "#222222" : "#ffffff";
      const s = labels[r]?.[c];
      out += text(sx.toPx(cx[c]) ?? 0, (sy.toPx(cy[r]) ?? 0) + fontSize * 0.35, typeof s === "number" ? fmtNum(s) : String(s ?? ""), fontSize, "middle", { fill: ink });
    }));
  }
  return out;
}
