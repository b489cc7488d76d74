/** SVG text helpers: escaping, width estimates and number labels. */

/** Escapes text for SVG content and attribute values. */
export function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Plotly rich text ("a<br><sup>b</sup>") as plain lines, with HTML entities decoded. */
export function lines(rich: string | undefined): string[] {
  if (!rich) return [];
  return rich.split(/<br\s*\/?>/i).map((l) => l.replace(/<[^>]*>/g, "").replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").trim()).filter((l) => l !== "");
}

/** Rough width of `s` in pixels: SVG has no text metrics without a browser. */
export function textWidth(s: string, size: number): number {
  return s.length * size * 0.58;
}

/** A tick or cell label: short, without float noise ("0.30000000000000004" is "0.3"). */
export function fmtNum(v: number): string {
  if (v === 0 || !Number.isFinite(v)) return String(v === 0 ? 0 : v);
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-3) return v.toExponential(2).replace(/\.?0+e/, "e").replace("e+", "e");
  return String(Number(v.toPrecision(4)));
}

/** A rounded coordinate, so the SVG stays small. */
export function px(v: number): string {
  return String(Math.round(v * 10) / 10);
}

/**
 * An SVG <text> element.
 *
 * @param anchor - "start" | "middle" | "end"
 * @param rotate - degrees, around (x, y)
 */
export function text(x: number, y: number, s: string, size: number, anchor = "middle", opts: { rotate?: number; weight?: string; fill?: string; baseline?: string } = {}): string {
  const rot = opts.rotate ? ` transform="rotate(${opts.rotate} ${px(x)} ${px(y)})"` : "";
  const weight = opts.weight ? ` font-weight="${opts.weight}"` : "";
  const fill = opts.fill ? ` fill="${opts.fill}"` : "";
  const base = opts.baseline ? ` dominant-baseline="${opts.baseline}"` : "";
  return `<text x="${px(x)}" y="${px(y)}" font-size="${size}" text-anchor="${anchor}"${base}${weight}${fill}${rot}>${esc(s)}</text>`;
}
