/**
 * Kaiming (He) initialization: a ReLU zeroes half of its inputs, so keeping the variance of the
 * signal needs Var(w) = 2 / fanIn, twice Xavier's. He et al., 2015. General form, as PyTorch:
 * std = gain / sqrt(fan), gain = calculateGain(nonlinearity, a).
 */
import { tf } from "../backend";
import { scaledNormal, type SeedOptions } from "./basic";
import { computeFans } from "./fans";
import { calculateGain, type Nonlinearity } from "./gain";
import { checkOptions } from "../core/options";

/** Options for {@link kaimingUniform} and {@link kaimingNormal}. */
export interface KaimingOptions extends SeedOptions {
  /** Negative slope of the leaky ReLU that follows the layer (used only for leakyRelu). Default 0. */
  a?: number;
  /** "fanIn" keeps the forward variance, "fanOut" the backward one. Default "fanIn". */
  mode?: "fanIn" | "fanOut";
  /** Activation after the layer. Default "leakyRelu" (with a = 0 that is ReLU's gain sqrt(2), as PyTorch). */
  nonlinearity?: Nonlinearity;
  /** kaimingNormal only: truncate at 2 sigma (Keras's he_normal), keeping the variance. Default false. */
  truncated?: boolean;
}

function kaimingStd(fn: string, shape: number[], options: KaimingOptions): number {
  const fans = computeFans(shape, fn);
  const mode = options.mode ?? "fanIn";
  if (mode !== "fanIn" && mode !== "fanOut") {
    throw new Error(`${fn}: expected mode "fanIn" or "fanOut", got ${JSON.stringify(mode)}`);
  }
  const gain = calculateGain(options.nonlinearity ?? "leakyRelu", options.a ?? 0);
  return gain / Math.sqrt(mode === "fanIn" ? fans.fanIn : fans.fanOut);
}

/**
 * Samples U(-bound, bound), bound = gain * sqrt(3 / fan), like `torch.nn.init.kaiming_uniform_`.
 * @param shape - kernel [D, M] or [...kernel, Cin, Cout] (tfjs layout)
 * @param options - a, mode, nonlinearity, seed
 * @returns weights of `shape`
 * @throws Error if the shape has fewer than 2 dimensions, the mode or nonlinearity is unknown
 * @example kaimingUniform([784, 100], { nonlinearity: "relu", seed: 0 }); // bound = sqrt(6/784)
 */
export function kaimingUniform(shape: number[], options: KaimingOptions = {}): tf.Tensor {
  checkOptions<KaimingOptions>("init.kaimingUniform", options, { a: true, mode: true, nonlinearity: true, truncated: true, seed: true });
  const bound = Math.sqrt(3) * kaimingStd("init.kaimingUniform", shape, options);
  return tf.randomUniform(shape, -bound, bound, "float32", options.seed);
}

/**
 * Samples N(0, std^2), std = gain / sqrt(fan), like `torch.nn.init.kaiming_normal_`.
 * @param shape - kernel [D, M] or [...kernel, Cin, Cout]
 * @param options - a, mode, nonlinearity, truncated, seed
 * @returns weights of `shape`
 * @throws Error if the shape has fewer than 2 dimensions, the mode or nonlinearity is unknown
 * @example kaimingNormal([3, 3, 16, 32], { mode: "fanOut", nonlinearity: "relu", seed: 0 });
 */
export function kaimingNormal(shape: number[], options: KaimingOptions = {}): tf.Tensor {
  checkOptions<KaimingOptions>("init.kaimingNormal", options, { a: true, mode: true, nonlinearity: true, truncated: true, seed: true });
  const std = kaimingStd("init.kaimingNormal", shape, options);
  return scaledNormal(shape, std, options.truncated ?? false, options.seed);
}
