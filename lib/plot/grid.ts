/** Sampling a function of two variables on a regular grid (contours, surfaces, boundaries). */
import { tf } from "../backend";
import { checkInt, checkRange, clean, isTensor, linspace } from "./values";

/**
 * A function of two variables evaluated on tensors, as the optimizer demo surfaces are
 * (`optim.rosenbrock()`, `optim.narrowValley()`, `optim.saddle()`): points [P, 2] -> values [P].
 */
export type TensorSurface = (points: tf.Tensor2D) => tf.Tensor;

/**
 * What the grid helpers plot: a plain function of two numbers, called once per grid point, or a
 * {@link TensorSurface} (a function of one argument), called once with every grid point.
 */
export type SurfaceFunction = ((x: number, y: number) => number) | TensorSurface;

/** The rectangle a function of two variables is sampled on (options of contour and surface). */
export interface GridRange {
  /** x interval [min, max]. */
  x: [number, number];
  /** y interval [min, max]. */
  y: [number, number];
}

/** A sampled grid: z[r][c] = f(x[c], y[r]). */
export interface Grid {
  x: number[];
  y: number[];
  z: Array<Array<number | null>>;
}

/**
 * Evaluates `f` on an n x n grid over the rectangle.
 *
 * @param f - `(x, y) => number`, or a one-argument {@link TensorSurface} such as `optim.rosenbrock()`
 * @param where - helper name for error messages
 * @throws Error on a bad range or resolution, if `f` is not a function, if `(x, y) => ...` returns
 *   a non-number, or if a surface does not return a tensor of one value per point
 */
export function sampleGrid(f: SurfaceFunction, xRange: unknown, yRange: unknown, n: unknown, where: string): Grid {
  if (typeof f !== "function") throw new Error(`${where}: expected a function (x, y) => number or a surface such as optim.rosenbrock(), got ${typeof f}`);
  const [x0, x1] = checkRange(xRange, `${where}: options.x`);
  const [y0, y1] = checkRange(yRange, `${where}: options.y`);
  const size = checkInt(n, 2, 400, `${where}: options.resolution`);
  const x = linspace(x0, x1, size);
  const y = linspace(y0, y1, size);
  if (f.length === 1) {
    const flat = evaluateSurface(f as TensorSurface, x, y, where);
    return { x, y, z: y.map((_, r) => x.map((_, c) => clean(flat[r * size + c]))) };
  }
  const z = y.map((yv) => x.map((xv) => {
    const v = (f as (x: number, y: number) => number)(xv, yv);
    if (typeof v !== "number") throw new Error(`${where}: f(${xv}, ${yv}) returned ${typeof v}, expected a number (call .dataSync()[0] on a tensor result)`);
    return clean(v);
  }));
  return { x, y, z };
}

/** One call of the surface on every grid point (row by row: y outer, x inner), as plain numbers. */
function evaluateSurface(f: TensorSurface, x: number[], y: number[], where: string): Float32Array | Int32Array | Uint8Array {
  return tf.tidy(() => {
    const out: unknown = f(tf.tensor2d(y.flatMap((yv) => x.map((xv) => [xv, yv]))));
    const count = x.length * y.length;
    if (!isTensor(out) || (out as tf.Tensor).size !== count) {
      const got = isTensor(out) ? `a tensor of shape [${out.shape.join(", ")}]` : typeof out;
      throw new Error(`${where}: f takes one argument, so it was called as a surface on points [${count}, 2] and must return a tensor [${count}]; it returned ${got} (a function of two numbers is written (x, y) => ...)`);
    }
    return (out as tf.Tensor).dataSync();
  });
}

/** log10 of z, shifted first if needed so every value is positive; keeps the shape of level sets. */
export function logZ(z: Array<Array<number | null>>): Array<Array<number | null>> {
  const flat = z.flat().filter((v): v is number => v !== null);
  const lo = Math.min(...flat);
  const hi = Math.max(...flat);
  const shift = lo > 0 ? 0 : -lo + (hi - lo) * 1e-4 + 1e-12;
  return z.map((row) => row.map((v) => (v === null ? null : clean(Math.log10(v + shift)))));
}
