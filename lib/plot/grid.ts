/** Sampling a function of two variables on a regular grid (contours, surfaces, boundaries). */
import { checkInt, checkRange, clean, linspace } from "./values";

/** A sampled grid: z[r][c] = f(x[c], y[r]). */
export interface Grid {
  x: number[];
  y: number[];
  z: Array<Array<number | null>>;
}

/**
 * Evaluates `f` on an n x n grid over the rectangle.
 *
 * @param where - helper name for error messages
 * @throws Error on a bad range or resolution, or if `f` is not a function or returns a non-number
 */
export function sampleGrid(f: (x: number, y: number) => number, xRange: unknown, yRange: unknown, n: unknown, where: string): Grid {
  if (typeof f !== "function") throw new Error(`${where}: expected a function (x, y) => number, got ${typeof f}`);
  const [x0, x1] = checkRange(xRange, `${where}: options.x`);
  const [y0, y1] = checkRange(yRange, `${where}: options.y`);
  const size = checkInt(n, 2, 400, `${where}: options.resolution`);
  const x = linspace(x0, x1, size);
  const y = linspace(y0, y1, size);
  const z = y.map((yv) => x.map((xv) => {
    const v = f(xv, yv);
    if (typeof v !== "number") throw new Error(`${where}: f(${xv}, ${yv}) returned ${typeof v}, expected a number (call .dataSync()[0] on a tensor result)`);
    return clean(v);
  }));
  return { x, y, z };
}

/** log10 of z, shifted first if needed so every value is positive; keeps the shape of level sets. */
export function logZ(z: Array<Array<number | null>>): Array<Array<number | null>> {
  const flat = z.flat().filter((v): v is number => v !== null);
  const lo = Math.min(...flat);
  const hi = Math.max(...flat);
  const shift = lo > 0 ? 0 : -lo + (hi - lo) * 1e-4 + 1e-12;
  return z.map((row) => row.map((v) => (v === null ? null : clean(Math.log10(v + shift)))));
}
