/**
 * The lecture's (and CS231n's) spiral data set: C interleaved spiral arms in the plane, not
 * linearly separable, small enough to train on in full-batch steps.
 */
import { seededRng } from "../core/random";

/** Options for {@link spiral}. */
export interface SpiralOptions {
  /** Points per class, an integer >= 2. Default 100 (the lecture). */
  perClass?: number;
  /** Number of classes (arms) C, an integer >= 1. Default 3. */
  classes?: number;
  /** Std of the Gaussian noise added to each point's angle, in radians, >= 0. Default 0.2. */
  noise?: number;
  /** Seed of the noise. Default 0. */
  seed?: number;
}

/** The generated points: x [N, 2] with N = perClass * C, and labels y [N] in class order. */
export interface SpiralData {
  x: number[][];
  y: number[];
}

/**
 * Generates the spiral data set as the lecture's NumPy code does: for class j, radius
 * r = linspace(0, 1, n) and angle t = linspace(4j, 4(j + 1), n) + noise * N(0, 1), and the point
 * (r sin t, r cos t). The noise comes from a seeded generator (Box-Muller over mulberry32),
 * so the numbers differ from NumPy's seed 0, not the shape.
 *
 * @param options - see {@link SpiralOptions}
 * @returns plain arrays { x [N, 2], y [N] }; rows of class 0 first, then class 1, ...
 * @throws Error if perClass or classes is not an integer in range, or noise is negative
 * @example
 * const { x, y } = spiral({ seed: 0 }); // x.length === 300, y[0] === 0, y[299] === 2
 */
export function spiral(options: SpiralOptions = {}): SpiralData {
  const n = options.perClass ?? 100;
  const c = options.classes ?? 3;
  const noise = options.noise ?? 0.2;
  if (!Number.isInteger(n) || n < 2) throw new Error(`data.spiral: expected perClass an integer >= 2, got ${n}`);
  if (!Number.isInteger(c) || c < 1) throw new Error(`data.spiral: expected classes an integer >= 1, got ${c}`);
  if (!(noise >= 0) || !Number.isFinite(noise)) throw new Error(`data.spiral: expected noise >= 0 (radians), got ${noise}`);
  const rng = seededRng(options.seed ?? 0);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  const x: number[][] = [];
  const y: number[] = [];
  for (let j = 0; j < c; j++) {
    for (let i = 0; i < n; i++) {
      const r = i / (n - 1);
      const t = 4 * j + (4 * i) / (n - 1) + noise * gauss();
      x.push([r * Math.sin(t), r * Math.cos(t)]);
      y.push(j);
    }
  }
  return { x, y };
}
