/**
 * Static SVG for a figure, drawn in Node without a browser: the fallback that GitHub, nbviewer
 * and PDF exports show. Covers what the course's helpers emit: scatter (lines, markers), bar,
 * heatmap, contour and surface traces, linear and log axes, subplots, legend, colour bar,
 * title and paper-referenced annotations. Frames are ignored: the static picture is the base state.
 */
import type { FigureSpec, Trace } from "../spec";
import { drawAxes, subplots, type Area } from "./axes";
import { drawContour } from "./contour";
import { drawColorbar, drawLegend, legendEntries, legendWidth, scaleTrace } from "./legend";
import { drawSurface } from "./surface";
import { esc, lines, px, text } from "./text";
import { drawBar, drawHeatmap, drawScatter } from "./traces";

/** Width used when the layout sets none (Plotly then fills the notebook cell). */
export const DEFAULT_WIDTH = 760;
/** Height used when the layout sets none. */
export const DEFAULT_HEIGHT = 440;

interface Annotation { text?: string; x?: number; y?: number; xref?: string; yref?: string; xanchor?: string; yanchor?: string; font?: { size?: number } }

function drawAnnotations(list: Annotation[], area: Area, fontSize: number): string {
  return list.filter((a) => (a.xref ?? "paper") === "paper" && (a.yref ?? "paper") === "paper").map((a) => {
    const size = a.font?.size ?? fontSize;
    const x = area.left + (a.x ?? 0.5) * area.width;
    const y = area.top + (1 - (a.y ?? 0.5)) * area.height;
    const anchor = a.xanchor === "left" ? "start" : a.xanchor === "right" ? "end" : "middle";
    const dy = a.yanchor === "bottom" ? -4 : a.yanchor === "top" ? size : size * 0.35;
    return lines(a.text).map((l, i) => text(x, y + dy + i * size * 1.2, l, size, anchor)).join("");
  }).join("");
}

function drawTrace(t: Trace, p: ReturnType<typeof subplots>[number], fontSize: number): string {
  if (t.type === "scatter") return drawScatter(t, p.sx, p.sy);
  if (t.type === "bar") return drawBar(t, p.sx, p.sy);
  if (t.type === "heatmap") return drawHeatmap(t, p.sx, p.sy, fontSize * 0.85);
  if (t.type === "contour") return drawContour(t, p.sx, p.sy);
  return "";
}

/**
 * Renders a figure's JSON as a standalone SVG document.
 *
 * @returns SVG markup with width/height from the layout (default 760 x 440)
 */
export function renderSVG(fig: FigureSpec): string {
  const layout = fig.layout ?? {};
  const W = layout.width ?? DEFAULT_WIDTH;
  const H = layout.height ?? DEFAULT_HEIGHT;
  const font = (layout.font ?? {}) as { size?: number; family?: string; color?: string };
  const fs = font.size ?? 14;
  const title = lines(layout.title?.text);
  const entries = legendEntries(fig.data, layout);
  const bar = scaleTrace(fig.data);
  const margin = (layout.margin ?? {}) as { l?: number; r?: number; t?: number; b?: number };
  // Legend and colour bar share one column right of the plot: legend on top, bar below it.
  const side = Math.max(entries.length ? legendWidth(entries, fs) + 16 : 0, bar ? 76 : 0);
  const right = (margin.r ?? 24) + side;
  // Like Plotly, the title sits inside the top margin, which grows only if the title needs it.
  const top = Math.max(margin.t ?? 24, title.length ? fs * 1.6 + (title.length - 1) * fs * 1.15 + 20 : 0);
  const area: Area = { left: margin.l ?? 84, top, width: W - (margin.l ?? 84) - right, height: H - top - (margin.b ?? 64) };
  let body = `<rect width="${W}" height="${H}" fill="white"/>`;
  body += title.map((l, i) => text(W / 2, 12 + fs * 1.25 + i * fs * 1.15, l, i ? fs * 0.85 : fs * 1.25, "middle", i ? { fill: "#555" } : { weight: "bold" })).join("");
  const surface = fig.data.find((t) => t.type === "surface");
  if (surface) {
    const scene = (layout.scene ?? {}) as Record<string, { title?: { text?: string } }>;
    body += drawSurface(surface, area, ["xaxis", "yaxis", "zaxis"].map((k) => lines(scene[k]?.title?.text).join(" ")), fs);
  } else {
    subplots(fig.data, layout, area, fs).forEach((p, i) => {
      const [x0, x1] = [Math.min(...p.sx.pixels), Math.max(...p.sx.pixels)];
      const [y0, y1] = [Math.min(...p.sy.pixels), Math.max(...p.sy.pixels)];
      body += drawAxes(p, layout, fs);
      body += `<clipPath id="clip${i}"><rect x="${px(x0)}" y="${px(y0)}" width="${px(x1 - x0)}" height="${px(y1 - y0)}"/></clipPath>`;
      body += `<g clip-path="url(#clip${i})">${p.traces.map((t) => drawTrace(t, p, fs)).join("")}</g>`;
    });
  }
  body += drawAnnotations((layout.annotations as Annotation[]) ?? [], area, fs);
  const sideLeft = area.left + area.width + 16;
  if (entries.length) body += drawLegend(entries, sideLeft, area.top, fs);
  if (bar) {
    const barTop = area.top + (entries.length ? entries.length * fs * 1.6 + 30 : 16);
    body += drawColorbar(bar, sideLeft + 2, barTop, Math.max(60, Math.min(area.top + area.height - barTop, 260)), fs, "cbar");
  }
  const family = esc(font.family ?? "sans-serif");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="${family}" fill="${font.color ?? "#222"}">${body}</svg>`;
}
