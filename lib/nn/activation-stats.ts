/**
 * Statistics of the activations of each layer, the numbers behind the lecture's histograms:
 * does the signal vanish (std -> 0), saturate (tanh near +-1), or die (ReLU units that are 0
 * for every example)?
 */
import { tf } from "../backend";
import { shapeStr } from "../core/check";
import { checkOptions } from "../core/options";

/** Options for {@link activationStats}. */
export interface ActivationStatsOptions {
  /** |a| <= threshold counts as zero. Default 0. */
  threshold?: number;
  /** |a| >= this counts as saturated (tanh, sigmoid near 1). Default 0.99. */
  saturation?: number;
}

/** Statistics of one layer's activations [N, M]. */
export interface LayerActivationStats {
  name: string;
  mean: number;
  std: number;
  min: number;
  max: number;
  /** Fraction of all entries that are (near) zero. */
  zeroFraction: number;
  /** Fraction of the M units that are (near) zero for all N examples: dead ReLUs. */
  deadFraction: number;
  /** Fraction of entries with |a| >= saturation. */
  saturatedFraction: number;
}

/**
 * Computes per-layer activation statistics.
 * @param layers - activations per layer, each [N, M] (a record name -> tensor, or an array named "layer 1", ...)
 * @param options - threshold and saturation levels
 * @returns one row per layer, in order
 * @throws Error if an activation is not a 2-D tensor
 * @example
 * activationStats({ h1, h2 }); // [{ name: "h1", std: 0.63, deadFraction: 0.02, ... }, ...]
 */
export function activationStats(
  layers: Record<string, tf.Tensor> | tf.Tensor[], options: ActivationStatsOptions = {},
): LayerActivationStats[] {
  checkOptions<ActivationStatsOptions>("nn.activationStats", options, { threshold: true, saturation: true });
  const threshold = options.threshold ?? 0;
  const saturation = options.saturation ?? 0.99;
  const entries = Array.isArray(layers) ? layers.map((t, i) => [`layer ${i + 1}`, t] as const) : Object.entries(layers);
  return entries.map(([name, a]) => {
    if (!(a instanceof tf.Tensor) || a.rank !== 2) {
      throw new Error(`nn.activationStats: expected ${name} as a tensor [N, M], got ${a instanceof tf.Tensor ? shapeStr(a.shape) : typeof a}`);
    }
    const [n, m] = a.shape;
    const v = a.dataSync();
    let sum = 0, min = Infinity, max = -Infinity, zeros = 0, saturated = 0;
    const alive = new Uint8Array(m);
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      sum += x;
      if (x < min) min = x;
      if (x > max) max = x;
      if (Math.abs(x) <= threshold) zeros++;
      else alive[i % m] = 1;
      if (Math.abs(x) >= saturation) saturated++;
    }
    const mean = sum / v.length;
    let ss = 0;
    for (const x of v) ss += (x - mean) ** 2;
    const dead = m - alive.reduce((s, x) => s + x, 0);
    return { name, mean, std: Math.sqrt(ss / Math.max(1, n * m - 1)), min, max, zeroFraction: zeros / v.length,
      deadFraction: dead / m, saturatedFraction: saturated / v.length };
  });
}
