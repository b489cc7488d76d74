/**
 * Checks every gradient a layer's backward returns against central differences, the CS231n
 * way: with a random upstream gradient dout, the loss L = sum(out * dout) has dL/dout = dout,
 * so backward(dout) must equal the numeric gradient of L for each input and parameter.
 */
import { tf } from "../backend";
import { normalSeed } from "../core/random";
import { numericGradient, relError } from "./gradcheck";
import { checkOptions } from "../core/options";

/** Options for {@link checkLayer}. */
export interface CheckLayerOptions {
  /** Finite-difference step. Default 1e-3. */
  h?: number;
  /** Seed of the random dout. Default 0. */
  seed?: number;
}

/** One row of {@link checkLayer}'s report. */
export interface LayerGradCheck {
  /** Input or parameter name, e.g. "w". */
  name: string;
  /** CS231n relative error between backward's `d<name>` and the numeric gradient (elementwise max). */
  relError: number;
  /**
   * max_i |a_i - n_i| / max_i max(|a_i|, |n_i|): the error relative to the gradient's scale. In
   * float32, relError is dominated by the smallest entries (an entry of 3e-4 next to entries of
   * 1 carries ~1e-5 of rounding noise, so relError ~ 1e-2 though the gradient is right);
   * scaledError stays ~1e-5 for a correct gradient and is ~1 for a wrong one.
   */
  scaledError: number;
}

/**
 * Checks a layer's analytic gradients.
 * @param forward - computes the layer output from named inputs (x and parameters); must be deterministic
 *   (fix the dropout seed, use a throwaway batch-norm state). The cache it returns goes to backward.
 * @param backward - returns `d<name>` for each checked name
 * @param inputs - the point of the check, e.g. { x, w, b } (small: one forward per element and sign)
 * @param options - h and the dout seed
 * @returns one { name, relError, scaledError } per input
 * @throws Error if backward returns no `d<name>` for an input, or of the wrong shape
 * @example
 * checkLayer((p) => denseForward(p.x, p.w, p.b), denseBackward, { x, w, b });
 * // [{ name: "x", relError: 3e-6 }, { name: "w", ... }, { name: "b", ... }]
 */
export function checkLayer<C>(
  forward: (inputs: Record<string, tf.Tensor>) => { out: tf.Tensor; cache: C },
  backward: (dout: tf.Tensor, cache: C) => Record<string, tf.Tensor>,
  inputs: Record<string, tf.Tensor>,
  options: CheckLayerOptions = {},
): LayerGradCheck[] {
  checkOptions<CheckLayerOptions>("nn.checkLayer", options, { h: true, seed: true });
  return tf.tidy(() => {
    const { out, cache } = forward(inputs);
    const dout = tf.randomNormal(out.shape, 0, 1, "float32", normalSeed(options.seed ?? 0));
    const dv = dout.dataSync();
    const grads = backward(dout, cache);
    // The loss is accumulated in double precision so only the layer's float32 math is in the way.
    const loss = (o: tf.Tensor): number => {
      const ov = o.dataSync();
      let s = 0;
      for (let i = 0; i < ov.length; i++) s += ov[i] * dv[i];
      return s;
    };
    return Object.keys(inputs).map((name) => {
      const analytic = grads[`d${name}`];
      if (!(analytic instanceof tf.Tensor)) throw new Error(`nn.checkLayer: backward returned no d${name}`);
      if (analytic.size !== inputs[name].size) {
        throw new Error(`nn.checkLayer: d${name} has shape [${analytic.shape}], ${name} has [${inputs[name].shape}]`);
      }
      const numeric = numericGradient((v) => loss(forward({ ...inputs, [name]: v }).out), inputs[name], { h: options.h });
      const [a, n] = [analytic.dataSync(), numeric.dataSync()];
      let diff = 0, scale = 1e-12;
      for (let i = 0; i < a.length; i++) {
        diff = Math.max(diff, Math.abs(a[i] - n[i]));
        scale = Math.max(scale, Math.abs(a[i]), Math.abs(n[i]));
      }
      return { name, relError: relError(analytic, numeric), scaledError: diff / scale };
    });
  }) as unknown as LayerGradCheck[];
}
