/**
 * Gradient checking: compare an analytic gradient with central differences
 *   df/dx_i ~ (f(x + h e_i) - f(x - h e_i)) / (2h)
 * using CS231n's relative error max_i |a_i - n_i| / max(1e-8, |a_i| + |n_i|).
 *
 * Precision: tfjs computes in float32 (about 7 digits). Central differences then lose digits to
 * rounding (~ 1e-7 |f| / h) and truncation (~ h^2 f'''), so with h = 1e-2..1e-3 on small inputs a
 * correct float32 gradient reaches a relative error of about 1e-4..1e-6, never the 1e-7..1e-10 of
 * float64 numpy; CS231n's "1e-7 is good" applies to float64. For float64 checks of plain
 * functions use numericGradientArray.
 */
import { tf } from "../backend";
import { checkOptions } from "../core/options";

/** Options for the numeric gradients. */
export interface NumericGradientOptions {
  /** Step h. Default 1e-3 for tensors (float32), 1e-5 for numericGradientArray (float64). */
  h?: number;
}

/**
 * Central-difference gradient of a scalar function of one tensor (float32).
 * The step actually taken, fround(x + h) - fround(x - h), is used as the divisor.
 * @param f - function of x returning a number or a scalar tensor (disposed here)
 * @param x - the point [any shape]
 * @param options - step h
 * @returns df/dx, x's shape
 * @throws Error if f does not return a finite number
 * @example numericGradient((x) => tf.sum(tf.square(x)), tf.tensor([1, 2])); // ~ [2, 4]
 */
export function numericGradient(f: (x: tf.Tensor) => number | tf.Tensor, x: tf.Tensor, options: NumericGradientOptions = {}): tf.Tensor {
  checkOptions<NumericGradientOptions>("nn.numericGradient", options, { h: true });
  const h = options.h ?? 1e-3;
  const base = Float32Array.from(x.dataSync());
  const eval1 = (v: Float32Array): number => {
    const val = tf.tidy(() => {
      const r = f(tf.tensor(v, x.shape));
      return typeof r === "number" ? r : r.dataSync()[0];
    });
    if (!Number.isFinite(val)) throw new Error(`nn.numericGradient: f returned ${val}; expected a finite number`);
    return val;
  };
  const grad = new Float32Array(base.length);
  const v = Float32Array.from(base);
  for (let i = 0; i < base.length; i++) {
    v[i] = base[i] + h;
    const up = v[i];
    const fp = eval1(v);
    v[i] = base[i] - h;
    const fm = eval1(v);
    grad[i] = (fp - fm) / (up - v[i]);
    v[i] = base[i];
  }
  return tf.tensor(grad, x.shape);
}

/**
 * Central-difference gradient of a scalar function of a float64 vector.
 * @param f - function of x
 * @param x - the point [D]
 * @param options - step h, default 1e-5
 * @returns df/dx [D]
 * @example numericGradientArray((x) => x[0] ** 2, [3]); // ~ [6]
 */
export function numericGradientArray(f: (x: Float64Array) => number, x: ArrayLike<number>, options: NumericGradientOptions = {}): Float64Array {
  checkOptions<NumericGradientOptions>("nn.numericGradientArray", options, { h: true });
  const h = options.h ?? 1e-5;
  const v = Float64Array.from(x);
  const grad = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const old = v[i];
    v[i] = old + h;
    const fp = f(v);
    v[i] = old - h;
    grad[i] = (fp - f(v)) / (2 * h);
    v[i] = old;
  }
  return grad;
}

/**
 * CS231n's relative error: max_i |a_i - b_i| / max(1e-8, |a_i| + |b_i|).
 * @param a - tensor or numbers
 * @param b - same size as a
 * @returns the largest elementwise relative error (0 when equal)
 * @throws Error if sizes differ
 * @example relError([1, 2], [1, 2.0001]); // 2.5e-5
 */
export function relError(a: tf.Tensor | ArrayLike<number>, b: tf.Tensor | ArrayLike<number>): number {
  const [va, vb] = [a, b].map((t) => (t instanceof tf.Tensor ? t.dataSync() : t));
  if (va.length !== vb.length) throw new Error(`nn.relError: expected equal sizes, got ${va.length} and ${vb.length}`);
  let worst = 0;
  for (let i = 0; i < va.length; i++) {
    worst = Math.max(worst, Math.abs(va[i] - vb[i]) / Math.max(1e-8, Math.abs(va[i]) + Math.abs(vb[i])));
  }
  return worst;
}
