/**
 * Loss-landscape slices (Li et al. 2018, "Visualizing the Loss Landscape of Neural Nets"): points
 * of parameter space along lines and planes through trained weights, with the paper's
 * filter-normalised random directions. The caller evaluates the loss at those points (for an
 * `nn.Sequential`, `net.forward(x, { params })`).
 */
import { tf } from "../backend";
import { checkOptions } from "../core/options";

/** Parameters by name, as `nn.Sequential.params()` returns them. */
export type ParamMap = Record<string, tf.Tensor>;

/** Options for {@link filterNormalizedDirection}. */
export interface FilterNormalizedDirectionOptions {
  /** Seed of the Gaussian draw. Required, so that every slice is reproducible. */
  seed: number;
}

/**
 * A random direction in parameter space scaled filter by filter like the weights it starts from:
 * a Gaussian draw d for every matrix W [D, M] whose every column (the incoming weights of one
 * unit, a "filter") is rescaled to the norm of the same column of W; vectors (biases, batch-norm
 * gamma and beta) get a zero direction, as in the paper. A step of size 1 along d then changes
 * every unit by as much as its own weights, so slices of nets with differently scaled weights
 * (e.g. before batch norm, where the scale does not change the function) become comparable.
 *
 * @param params - the centre point, name -> tensor (matrices [D, M] and vectors [M])
 * @param options - the seed; see {@link FilterNormalizedDirectionOptions}
 * @returns a new map with the same names and shapes (the caller disposes it)
 * @throws Error `nn.filterNormalizedDirection: expected ...` for a missing seed or a tensor of rank > 2
 * @example
 * const d1 = nn.filterNormalizedDirection(net.params(), { seed: 1 });
 * const shifted = nn.offsetParams(net.params(), [{ direction: d1, scale: 0.5 }]);
 */
export function filterNormalizedDirection(params: ParamMap, options: FilterNormalizedDirectionOptions): ParamMap {
  checkOptions<FilterNormalizedDirectionOptions>("nn.filterNormalizedDirection", options, { seed: true });
  const seed = options?.seed;
  if (!Number.isInteger(seed)) throw new Error(`nn.filterNormalizedDirection: expected options.seed an integer, got ${seed}`);
  const out: ParamMap = {};
  Object.entries(params).forEach(([name, p], k) => {
    if (p.rank > 2) throw new Error(`nn.filterNormalizedDirection: expected matrices and vectors, got ${name} of shape [${p.shape}]`);
    out[name] = tf.tidy(() => {
      if (p.rank < 2) return tf.zerosLike(p);
      const d = tf.randomNormal(p.shape, 0, 1, "float32", seed * 1000 + k);
      const colNorm = (t: tf.Tensor) => tf.sqrt(tf.sum(tf.square(t), 0, true));
      return tf.mul(d, tf.div(colNorm(p), tf.maximum(colNorm(d), 1e-12)));
    });
  });
  return out;
}

/** One term of {@link offsetParams}: a direction and how far to go along it. */
export interface OffsetStep {
  /** Same names and shapes as the centre. */
  direction: ParamMap;
  /** The coefficient of this direction. */
  scale: number;
}

/**
 * The point centre + sum_k scale_k * direction_k of parameter space: a point of a 2-D slice with
 * two filter-normalised directions, or of the line between two solutions a and b with the single
 * direction b - a.
 *
 * @param centre - name -> tensor
 * @param steps - directions with their coefficients; each direction has every name of the centre
 * @returns a new map (the caller disposes it)
 * @throws Error `nn.offsetParams: direction 0 has no "0.w" of shape [2, 8]` when shapes differ
 * @example
 * const mid = nn.offsetParams(a, [{ direction: bMinusA, scale: 0.5 }]); // (a + b) / 2
 */
export function offsetParams(centre: ParamMap, steps: OffsetStep[]): ParamMap {
  steps.forEach(({ direction }, k) => Object.entries(centre).forEach(([name, p]) => {
    const d = direction[name];
    if (!d || d.shape.join() !== p.shape.join()) throw new Error(`nn.offsetParams: direction ${k} has no "${name}" of shape [${p.shape}]`);
  }));
  const out: ParamMap = {};
  for (const [name, p] of Object.entries(centre)) {
    out[name] = tf.tidy(() => steps.reduce((acc: tf.Tensor, { direction, scale }) => tf.add(acc, tf.mul(direction[name], scale)), p.clone()));
  }
  return out;
}

/**
 * The difference b - a of two parameter maps with the same names and shapes: the direction of
 * the straight line from solution a to solution b (1-D interpolation, Goodfellow et al. 2015).
 *
 * @param a - name -> tensor
 * @param b - the same names and shapes
 * @returns a new map b - a (the caller disposes it)
 * @throws Error `nn.paramsDifference: b has no "0.w" of shape [2, 8]` when shapes differ
 * @example
 * const line = nn.paramsDifference(solutionA, solutionB);
 */
export function paramsDifference(a: ParamMap, b: ParamMap): ParamMap {
  const out: ParamMap = {};
  for (const [name, p] of Object.entries(a)) {
    const q = b[name];
    if (!q || q.shape.join() !== p.shape.join()) throw new Error(`nn.paramsDifference: b has no "${name}" of shape [${p.shape}]`);
    out[name] = tf.sub(q, p);
  }
  return out;
}
