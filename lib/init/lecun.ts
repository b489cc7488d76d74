/**
 * LeCun initialization: Var(w) = 1 / fanIn, for SELU networks (self-normalizing) and the
 * "sqrt(3)" fix of the naive uniform init in the lecture. PyTorch writes it as
 * kaiming_normal_(w, nonlinearity="linear"); Keras's lecun_normal is the truncated variant.
 */
import { tf } from "../backend";
import { scaledNormal, type SeedOptions } from "./basic";
import { computeFans } from "./fans";
import { checkOptions } from "../core/options";

/** Options for {@link lecunNormal}. */
export interface LecunOptions extends SeedOptions {
  /** Truncate at 2 sigma and rescale to keep Var = 1/fanIn (Keras's lecun_normal). Default false. */
  truncated?: boolean;
}

/**
 * Samples N(0, 1 / fanIn).
 * @param shape - kernel [D, M] or [...kernel, Cin, Cout]
 * @param options - truncated and seed
 * @returns weights of `shape` with std 1/sqrt(fanIn)
 * @throws Error if the shape has fewer than 2 dimensions
 * @example lecunNormal([784, 100], { seed: 0 }); // std = 1/28
 */
export function lecunNormal(shape: number[], options: LecunOptions = {}): tf.Tensor {
  checkOptions<LecunOptions>("init.lecunNormal", options, { truncated: true, seed: true });
  const { fanIn } = computeFans(shape, "init.lecunNormal");
  return scaledNormal(shape, 1 / Math.sqrt(fanIn), options.truncated ?? false, options.seed);
}
