import { tf } from "../backend";
import { positiveInt } from "../core/options";
import type { Schedule } from "./schedules/scheduler";

/** Options of {@link optimizePath}. */
export interface OptimizePathOptions {
  /** The optimizer to run. It is consumed: the path disposes it (each path needs fresh state). */
  optimizer: tf.Optimizer;
  /** Number of optimizer steps, a positive integer. */
  steps: number;
  /** A schedule built on `optimizer`, stepped after every optimizer step (e.g. CyclicLR). Default none. */
  schedule?: Schedule;
}

/** Result of {@link optimizePath}. */
export interface OptimizePathResult {
  /** The points visited, [steps + 1][D]: the start, then the point after each step. */
  trajectory: number[][];
  /** f at each point of `trajectory`, [steps + 1]. */
  losses: number[];
}

/**
 * Runs an optimizer on a function of a few variables and records the path: the 2-D demos
 * (Rosenbrock, saddle points, narrow valleys) draw `trajectory` on a contour plot. A diverging
 * run is recorded, not stopped: later points and losses become Infinity or NaN.
 *
 * @param f - the objective, from a point x of shape [D] to a scalar, written with tf ops
 * @param start - the starting point, D finite numbers
 * @param options - see {@link OptimizePathOptions}
 * @returns trajectory [steps + 1][D] and losses [steps + 1]
 * @throws Error `optimizePath: expected start to be a non-empty array of finite numbers, got ...`
 * @throws Error `optimizePath: expected steps a positive integer, got 0`
 * @throws Error `optimizePath: expected f to return a scalar, got shape [2]`
 * @example
 * const rosenbrock = (p: tf.Tensor1D) => tf.tidy(() => {
 *   const [x, y] = tf.unstack(p);
 *   return tf.add(tf.square(tf.sub(1, x)), tf.mul(100, tf.square(tf.sub(y, tf.square(x))))) as tf.Scalar;
 * });
 * const { trajectory, losses } = optimizePath(rosenbrock, [-1.5, 2], { optimizer: new optim.Adam({ lr: 0.1 }), steps: 200 });
 */
export function optimizePath(
  f: (x: tf.Tensor1D) => tf.Scalar,
  start: number[],
  options: OptimizePathOptions,
): OptimizePathResult {
  if (!Array.isArray(start) || start.length === 0 || !start.every((v) => typeof v === "number" && Number.isFinite(v))) {
    throw new Error(`optimizePath: expected start to be a non-empty array of finite numbers, got ${JSON.stringify(start)}`);
  }
  const { optimizer, steps, schedule } = options ?? ({} as OptimizePathOptions);
  if (!(optimizer instanceof tf.Optimizer)) throw new Error(`optimizePath: expected optimizer to be a tf.Optimizer, got ${String(optimizer)}`);
  if (positiveInt(steps) != null) throw new Error(`optimizePath: expected steps a positive integer, got ${steps}`);
  const init = tf.tensor1d(start);
  const x = tf.variable(init, true);
  init.dispose();
  const trajectory: number[][] = [];
  const losses: number[] = [];
  try {
    for (let i = 0; i <= steps; i++) {
      trajectory.push(Array.from(x.dataSync()));
      const { value, grads } = tf.variableGrads(() => checkScalar(f(x as tf.Tensor1D)), [x]);
      losses.push(value.dataSync()[0]);
      if (i < steps) {
        optimizer.applyGradients(grads);
        schedule?.step();
      }
      tf.dispose([value, grads[x.name]]);
    }
  } finally {
    x.dispose();
    optimizer.dispose();
  }
  return { trajectory, losses };
}

function checkScalar(y: tf.Tensor): tf.Scalar {
  if (y.rank !== 0) throw new Error(`optimizePath: expected f to return a scalar, got shape [${y.shape.join(", ")}]`);
  return y as tf.Scalar;
}
