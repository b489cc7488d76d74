/**
 * Xavier (Glorot) initialization: keep Var(w) = 2 / (fanIn + fanOut), the compromise between
 * constant forward variance (1/fanIn) and constant backward variance (1/fanOut) for activations
 * symmetric around zero (tanh, sigmoid near 0). Glorot & Bengio, 2010.
 */
import { tf } from "../backend";
import { scaledNormal, type SeedOptions } from "./basic";
import { computeFans } from "./fans";
import { checkOptions } from "../core/options";

/** Options for {@link xavierUniform} and {@link xavierNormal}. */
export interface XavierOptions extends SeedOptions {
  /** Gain multiplying the std, see calculateGain. Default 1. */
  gain?: number;
  /** xavierNormal only: truncate at 2 sigma (Keras's glorot_normal), keeping the variance. Default false. */
  truncated?: boolean;
}

function checkGain(fn: string, gain: number): void {
  if (!(gain > 0) || !Number.isFinite(gain)) throw new Error(`${fn}: expected gain > 0, got ${gain}`);
}

/**
 * Samples U(-bound, bound) with bound = gain * sqrt(6 / (fanIn + fanOut)), like
 * `torch.nn.init.xavier_uniform_` (and Keras's glorot_uniform with gain 1).
 * @param shape - kernel [D, M] or [...kernel, Cin, Cout] (tfjs layout; fans in computeFans)
 * @param options - gain and seed
 * @returns weights of `shape`
 * @throws Error if the shape has fewer than 2 dimensions or gain <= 0
 * @example xavierUniform([784, 100], { gain: calculateGain("tanh"), seed: 0 });
 */
export function xavierUniform(shape: number[], options: XavierOptions = {}): tf.Tensor {
  checkOptions<XavierOptions>("init.xavierUniform", options, { gain: true, truncated: true, seed: true });
  const { fanIn, fanOut } = computeFans(shape, "init.xavierUniform");
  const gain = options.gain ?? 1;
  checkGain("init.xavierUniform", gain);
  const bound = gain * Math.sqrt(6 / (fanIn + fanOut));
  return tf.randomUniform(shape, -bound, bound, "float32", options.seed);
}

/**
 * Samples N(0, std^2) with std = gain * sqrt(2 / (fanIn + fanOut)), like
 * `torch.nn.init.xavier_normal_`.
 * @param shape - kernel [D, M] or [...kernel, Cin, Cout]
 * @param options - gain, truncated and seed
 * @returns weights of `shape`
 * @throws Error if the shape has fewer than 2 dimensions or gain <= 0
 * @example xavierNormal([784, 100], { seed: 0 });
 */
export function xavierNormal(shape: number[], options: XavierOptions = {}): tf.Tensor {
  checkOptions<XavierOptions>("init.xavierNormal", options, { gain: true, truncated: true, seed: true });
  const { fanIn, fanOut } = computeFans(shape, "init.xavierNormal");
  const gain = options.gain ?? 1;
  checkGain("init.xavierNormal", gain);
  return scaledNormal(shape, gain * Math.sqrt(2 / (fanIn + fanOut)), options.truncated ?? false, options.seed);
}
