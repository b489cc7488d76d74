/**
 * The lecture's "naive" initialization w ~ U(-1/sqrt(n_in), 1/sqrt(n_in)).
 *
 * Its variance is (2/sqrt(n))^2 / 12 = 1/(3 n_in), so each linear layer shrinks the variance of
 * the signal to 1/3 of its input's: after a few layers the signal vanishes. Widening the bound
 * by sqrt(3) (LeCun uniform) gives Var = 1/n_in. It is also PyTorch's default for nn.Linear
 * (kaiming_uniform_ with a = sqrt(5) gives exactly this bound).
 */
import { tf } from "../backend";
import type { SeedOptions } from "./basic";
import { computeFans } from "./fans";
import { checkOptions } from "../core/options";

/** Options for {@link naiveUniform}. */
export interface NaiveUniformOptions extends SeedOptions {}

/**
 * Samples U(-1/sqrt(fanIn), 1/sqrt(fanIn)).
 * @param shape - kernel [D, M] or [...kernel, Cin, Cout]
 * @param options - seed
 * @returns weights of `shape`, variance 1/(3 fanIn)
 * @throws Error if the shape has fewer than 2 dimensions
 * @example naiveUniform([100, 100], { seed: 0 }); // bound 0.1, variance 1/300
 */
export function naiveUniform(shape: number[], options: NaiveUniformOptions = {}): tf.Tensor {
  checkOptions<NaiveUniformOptions>("init.naiveUniform", options, { seed: true });
  const { fanIn } = computeFans(shape, "init.naiveUniform");
  const bound = 1 / Math.sqrt(fanIn);
  return tf.randomUniform(shape, -bound, bound, "float32", options.seed);
}
