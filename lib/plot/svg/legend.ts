/** Legend and colour bar for the SVG renderer, placed right of the plot area as Plotly does. */
import type { Layout, Trace } from "../spec";
import { at, scaleOf, withAlpha } from "./color";
import { fmtNum, lines, px, text, textWidth } from "./text";
import { zRange } from "./traces";

/** One legend row. */
export interface Entry {
  name: string;
  kind: "line" | "marker" | "box";
  color: string;
  dash?: string;
}

/** Legend rows, following Plotly's defaults (shown when there are 2+ traces, once per group). */
export function legendEntries(data: Trace[], layout: Layout): Entry[] {
  if (layout.showlegend === false) return [];
  const seen = new Set<string>();
  const out: Entry[] = [];
  for (const t of data) {
    const shaded = t.type === "heatmap" || t.type === "contour" || t.type === "surface";
    const show = t.showlegend === true || (t.showlegend !== false && !shaded && data.length > 1);
    if (!show || !t.name) continue;
    const key = `${t.legendgroup ?? ""}|${t.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const line = (t.line ?? {}) as { color?: string; dash?: string };
    const marker = (t.marker ?? {}) as { color?: unknown };
    const mc = typeof marker.color === "string" ? marker.color : undefined;
    const mode = String(t.mode ?? "lines");
    const kind = t.type === "scatter" ? (mode.includes("lines") ? "line" : "marker") : "box";
    out.push({ name: t.name, kind, color: withAlpha((kind === "line" ? line.color : mc) ?? line.color ?? mc ?? "#1f77b4").color, dash: line.dash });
  }
  return out;
}

/** Width the legend needs, in pixels. */
export function legendWidth(entries: Entry[], fontSize: number): number {
  return entries.length ? 44 + Math.max(...entries.map((e) => textWidth(e.name, fontSize))) : 0;
}

export function drawLegend(entries: Entry[], left: number, top: number, fontSize: number): string {
  const row = fontSize * 1.6;
  return entries.map((e, i) => {
    const y = top + row * i + row / 2;
    const dash = e.dash === "dash" ? ` stroke-dasharray="7,4"` : e.dash === "dot" ? ` stroke-dasharray="2,3"` : "";
    const mark = e.kind === "line" ? `<path d="M${px(left)} ${px(y)}h30" stroke="${e.color}" stroke-width="2.5"${dash}/>`
      : e.kind === "marker" ? `<circle cx="${px(left + 15)}" cy="${px(y)}" r="5" fill="${e.color}"/>`
      : `<rect x="${px(left + 8)}" y="${px(y - 7)}" width="14" height="14" fill="${e.color}"/>`;
    return mark + text(left + 38, y + fontSize * 0.35, e.name, fontSize, "start");
  }).join("");
}

/** The trace whose colour scale gets a bar: the first heatmap/contour/surface with showscale. */
export function scaleTrace(data: Trace[]): Trace | undefined {
  return data.find((t) => (t.type === "heatmap" || t.type === "contour" || t.type === "surface") && t.showscale !== false);
}

/** A vertical colour bar with min, middle and max labels, and its title above. */
export function drawColorbar(t: Trace, left: number, top: number, height: number, fontSize: number, id: string): string {
  const scale = scaleOf(t);
  const [lo, hi] = zRange(t);
  const stops = Array.from({ length: 11 }, (_, i) => `<stop offset="${i / 10}" stop-color="${at(scale, 1 - i / 10)}"/>`).join("");
  const bar = `<defs><linearGradient id="${id}" x1="0" y1="0" x2="0" y2="1">${stops}</linearGradient></defs>`
    + `<rect x="${px(left)}" y="${px(top)}" width="16" height="${px(height)}" fill="url(#${id})" stroke="#888"/>`;
  const small = fontSize * 0.8;
  const ticks = [hi, (lo + hi) / 2, lo].map((v, i) => text(left + 22, top + (height * i) / 2 + small * 0.35, fmtNum(v), small, "start")).join("");
  const title = lines(((t.colorbar ?? {}) as { title?: { text?: string } }).title?.text).join(" ");
  return bar + ticks + (title ? text(left, top - 8, title, small, "start") : "");
}
