/** Colour arithmetic for the SVG renderer: parsing, mixing, and Plotly colour scales. */
import type { ColorScale } from "../theme";
import { SCALES } from "../theme";

type RGB = [number, number, number];

/** "#rgb", "#rrggbb" or "rgb(r, g, b)" as numbers; black if unreadable. */
export function parse(c: string): RGB {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(c.trim());
  if (hex) {
    const h = hex[1].length === 3 ? hex[1].replace(/./g, (d) => d + d) : hex[1];
    return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as RGB;
  }
  const rgb = /^rgba?\(([^)]+)\)$/i.exec(c.trim());
  if (rgb) return rgb[1].split(",").slice(0, 3).map((v) => Number(v)) as RGB;
  return [0, 0, 0];
}

function hex(c: RGB): string {
  return "#" + c.map((v) => Math.max(0, Math.min(255, Math.round(v))).toString(16).padStart(2, "0")).join("");
}

/** `a` moved toward `b` by t in [0, 1]. */
export function mix(a: string, b: string, t: number): string {
  const x = parse(a);
  const y = parse(b);
  return hex([0, 1, 2].map((i) => x[i] + (y[i] - x[i]) * t) as RGB);
}

/** The scale of a trace: its explicit stops, a known name, or viridis. */
export function scaleOf(trace: Record<string, unknown>): ColorScale {
  const cs = trace.colorscale;
  let stops: ColorScale = Array.isArray(cs) ? (cs as ColorScale) : (SCALES as Record<string, ColorScale>)[String(cs ?? "viridis").toLowerCase()] ?? SCALES.viridis;
  if (trace.reversescale) stops = stops.map(([t, c]) => [1 - t, c] as [number, string]).reverse();
  return stops;
}

/** Colour at t in [0, 1] on a scale. */
export function at(scale: ColorScale, t: number): string {
  const u = Math.max(0, Math.min(1, Number.isFinite(t) ? t : 0));
  for (let i = 1; i < scale.length; i++) {
    const [t1, c1] = scale[i];
    const [t0, c0] = scale[i - 1];
    if (u <= t1) return mix(c0, c1, t1 === t0 ? 0 : (u - t0) / (t1 - t0));
  }
  return scale[scale.length - 1][1];
}

/** Hex colour with its alpha as a separate opacity, for SVG attributes. */
export function withAlpha(c: string): { color: string; opacity: number } {
  const m = /^rgba\(([^)]+)\)$/i.exec(c.trim());
  if (!m) return { color: c, opacity: 1 };
  const parts = m[1].split(",").map(Number);
  return { color: hex([parts[0], parts[1], parts[2]]), opacity: parts[3] ?? 1 };
}
