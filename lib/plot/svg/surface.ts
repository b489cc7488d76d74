/**
 * 3-D surfaces in SVG: an orthographic view from Plotly's default camera direction (1.25, 1.25,
 * 1.25), quads painted back to front, with the box's floor, axis titles and end ticks.
 */
import type { Trace } from "../spec";
import { at, scaleOf } from "./color";
import { centres } from "./extent";
import { fmtNum, px, text } from "./text";
import { zRange } from "./traces";

type Num = number | null;
type P3 = [number, number, number];

/** Most quads per side drawn; finer grids are subsampled so the SVG stays small. */
const MAX_SIDE = 32;

function sample(n: number): number[] {
  const step = Math.max(1, Math.ceil((n - 1) / (MAX_SIDE - 1)));
  const idx: number[] = [];
  for (let i = 0; i < n - 1; i += step) idx.push(i);
  idx.push(n - 1);
  return idx;
}

/**
 * Draws the first surface trace into the box [left, top, width, height].
 *
 * @param titles - axis titles from layout.scene
 */
export function drawSurface(t: Trace, box: { left: number; top: number; width: number; height: number }, titles: string[], fontSize: number): string {
  const z = (t.z as Num[][]) ?? [];
  const xs = centres(t.x, z[0]?.length ?? 0);
  const ys = centres(t.y, z.length);
  if (xs.length < 2 || ys.length < 2) return "";
  const [zlo, zhi] = zRange(t);
  const norm = (v: number, lo: number, hi: number) => (2 * (v - lo)) / (hi - lo || 1) - 1;
  const [xlo, xhi] = [Math.min(...xs), Math.max(...xs)];
  const [ylo, yhi] = [Math.min(...ys), Math.max(...ys)];
  // Screen axes for a camera on the (1, 1, 1) diagonal: right = (-1, 1, 0)/√2, up = (-1, -1, 2)/√6.
  const proj = ([x, y, zz]: P3): [number, number, number] => [(y - x) / Math.SQRT2, (2 * zz * 0.7 - x - y) / Math.sqrt(6), x + y + zz * 0.7];
  const fit = Math.min(box.width / 3.0, box.height / 2.9);
  const cx = box.left + box.width / 2;
  const cy = box.top + box.height / 2;
  const screen = (p: P3) => {
    const [u, v] = proj(p);
    return [cx + u * fit, cy - v * fit] as const;
  };
  const point = (r: number, c: number): P3 => [norm(xs[c], xlo, xhi), norm(ys[r], ylo, yhi), norm(z[r][c] ?? NaN, zlo, zhi)];
  const scale = scaleOf(t);
  const rows = sample(ys.length);
  const cols = sample(xs.length);
  const quads: Array<{ depth: number; d: string; fill: string }> = [];
  for (let i = 0; i + 1 < rows.length; i++) {
    for (let j = 0; j + 1 < cols.length; j++) {
      const corners = [point(rows[i], cols[j]), point(rows[i], cols[j + 1]), point(rows[i + 1], cols[j + 1]), point(rows[i + 1], cols[j])];
      if (corners.some((p) => !Number.isFinite(p[2]))) continue;
      const mean = corners.reduce((s, p) => s + p[2], 0) / 4;
      const d = corners.map((p, k) => `${k ? "L" : "M"}${screen(p).map(px).join(" ")}`).join("") + "Z";
      quads.push({ depth: corners.reduce((s, p) => s + proj(p)[2], 0) / 4, d, fill: at(scale, (mean + 1) / 2) });
    }
  }
  quads.sort((a, b) => a.depth - b.depth);
  const floor = ([[-1, -1], [1, -1], [1, 1], [-1, 1]] as const).map(([x, y]) => screen([x, y, -1]).map(px).join(" "));
  let out = `<path d="M${floor.join("L")}Z" fill="#f4f6fa" stroke="#999"/>`;
  // The z axis stands on the floor's left corner on screen, (1, -1), where the surface does not hide it.
  const foot = screen([1, -1, -1]);
  const head = screen([1, -1, 1]);
  out += `<path d="M${px(foot[0])} ${px(foot[1])}L${px(head[0])} ${px(head[1])}" stroke="#999"/>`;
  out += quads.map((q) => `<path d="${q.d}" fill="${q.fill}" stroke="${q.fill}" stroke-width="0.4"/>`).join("");
  const label = (p: P3, s: string, size = fontSize * 0.8) => {
    const [X, Y] = screen(p);
    return text(X, Y, s, size);
  };
  out += label([0, 1.5, -1.1], titles[0] ?? "x", fontSize) + label([-1, 1.25, -1.05], fmtNum(xlo)) + label([1, 1.3, -1.05], fmtNum(xhi));
  out += label([1.5, 0, -1.1], titles[1] ?? "y", fontSize) + label([1.25, -1, -1.05], fmtNum(ylo)) + label([1.3, 1, -1.05], fmtNum(yhi));
  const side = (p: P3, s: string, size = fontSize * 0.8) => {
    const [X, Y] = screen(p);
    return text(X - 8, Y + size * 0.35, s, size, "end");
  };
  out += side([1, -1, 0], titles[2] ?? "z", fontSize) + side([1, -1, -1], fmtNum(zlo)) + side([1, -1, 1], fmtNum(zhi));
  return out;
}
