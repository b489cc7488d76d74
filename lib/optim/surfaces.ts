import { tf } from "../backend";
import { finiteCheck, positiveInt, resolveOptions } from "../core/options";

/** A function of two variables for the 2-D demos: a point [2] -> scalar, or points [P, 2] -> [P]. */
export interface Surface {
  (p: tf.Tensor1D): tf.Scalar;
  (p: tf.Tensor2D): tf.Tensor1D;
}

function surface(where: string, body: (x: tf.Tensor, y: tf.Tensor) => tf.Tensor): Surface {
  return ((p: tf.Tensor) => {
    if (p.shape[p.rank - 1] !== 2 || p.rank > 2) throw new Error(`${where}: expected p [2] or [P, 2], got [${p.shape.join(", ")}]`);
    return tf.tidy(() => {
      const [x, y] = tf.unstack(p, p.rank - 1);
      return body(x, y);
    });
  }) as Surface;
}

/**
 * Rosenbrock's banana valley, (a - x)^2 + b * (y - x^2)^2, minimum 0 at (a, a^2): a curved,
 * flat-bottomed valley where plain gradient descent zig-zags and momentum overshoots.
 *
 * @param options - a (default 1) and b (default 100)
 * @returns a {@link Surface}
 * @example
 * const path = optim.optimizePath(optim.rosenbrock(), [-1.5, 2], { optimizer: new optim.Adam({ lr: 0.05 }), steps: 300 });
 */
export function rosenbrock(options?: Partial<{ a: number; b: number }>): Surface {
  const { a, b } = resolveOptions("optim.rosenbrock", options, { a: 1, b: 100 }, { a: finiteCheck, b: finiteCheck });
  return surface("optim.rosenbrock", (x, y) => tf.add(tf.square(tf.sub(a, x)), tf.mul(b, tf.square(tf.sub(y, tf.square(x))))));
}

/**
 * A narrow, axis-aligned quadratic valley a * x^2 + b * y^2 (minimum 0 at the origin); its
 * condition number b / a sets how badly plain SGD zig-zags across the valley.
 *
 * @param options - a (default 0.1) and b (default 2)
 * @returns a {@link Surface}
 * @example
 * optim.optimizePath(optim.narrowValley(), [-4, 1.5], { optimizer: new optim.SGD({ lr: 0.4 }), steps: 50 });
 */
export function narrowValley(options?: Partial<{ a: number; b: number }>): Surface {
  const { a, b } = resolveOptions("optim.narrowValley", options, { a: 0.1, b: 2 }, { a: finiteCheck, b: finiteCheck });
  return surface("optim.narrowValley", (x, y) => tf.add(tf.mul(a, tf.square(x)), tf.mul(b, tf.square(y))));
}

/**
 * A saddle x^2 - y^2 + y^4 / 4: a saddle point at the origin and minima -1 at (0, +-sqrt 2).
 * Started near y = 0 the gradient along y is tiny, so methods that normalize per coordinate
 * (AdaGrad, RMSprop, Adam) leave the saddle much sooner than SGD with momentum.
 *
 * @returns a {@link Surface}
 * @example
 * optim.optimizePath(optim.saddle(), [-1, 0.01], { optimizer: new optim.RMSprop({ lr: 0.05 }), steps: 100 });
 */
export function saddle(): Surface {
  return surface("optim.saddle", (x, y) => tf.add(tf.sub(tf.square(x), tf.square(y)), tf.mul(0.25, tf.pow(y, 4))));
}

/** Options of {@link surfaceGrid}. */
export interface SurfaceGridOptions {
  /** [min, max] of x. */
  x: [number, number];
  /** [min, max] of y. */
  y: [number, number];
  /** Grid points per axis, >= 2. Default 100. */
  n: number;
}

/**
 * Evaluates a surface on an n x n grid, for contour plots under optimizer paths.
 *
 * @param f - the surface
 * @param options - see {@link SurfaceGridOptions}
 * @returns x [n], y [n] and z [n][n] with z[i][j] = f(x[j], y[i]) (Plotly's contour layout)
 * @throws Error `optim.surfaceGrid: expected x as [min, max] with min < max, got [1, 0]`
 * @example
 * const { x, y, z } = optim.surfaceGrid(optim.rosenbrock(), { x: [-2, 2], y: [-1, 3], n: 80 });
 */
export function surfaceGrid(f: Surface, options: Partial<SurfaceGridOptions>): { x: number[]; y: number[]; z: number[][] } {
  const range = (v: unknown) => (Array.isArray(v) && v.length === 2 && v[0] < v[1] && v.every(Number.isFinite) ? null : "as [min, max] with min < max");
  const o = resolveOptions<SurfaceGridOptions>("optim.surfaceGrid", options, { x: [NaN, NaN], y: [NaN, NaN], n: 100 }, { x: range, y: range, n: positiveInt });
  for (const key of ["x", "y"] as const) if (range(o[key]) != null) throw new Error(`optim.surfaceGrid: option ${key} is required as [min, max]`);
  if (o.n < 2) throw new Error(`optim.surfaceGrid: expected n >= 2, got ${o.n}`);
  const axis = ([lo, hi]: [number, number]) => Array.from({ length: o.n }, (_, i) => lo + ((hi - lo) * i) / (o.n - 1));
  const [xs, ys] = [axis(o.x), axis(o.y)];
  const flat = tf.tidy(() => {
    const pts = tf.tensor2d(ys.flatMap((y) => xs.map((x) => [x, y])));
    return f(pts).dataSync();
  });
  return { x: xs, y: ys, z: ys.map((_, i) => Array.from(flat.slice(i * o.n, (i + 1) * o.n))) };
}
