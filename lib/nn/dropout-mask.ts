/**
 * The scaled mask of inverted dropout, shared by nn.dropoutForward and the nn.Dropout layer.
 *
 * It is the mask `tf.mul(tf.cast(tf.greaterEqual(tf.randomUniform(shape, 0, 1, "float32", seed),
 * p), "float32"), scale)` gives, bit for bit (the same uniform stream, the same float32 compare),
 * built in JS in two passes and uploaded once: tfjs draws its uniforms one JS call per element and
 * then runs three kernels over them, 5.5 ms of the SST-2 step's 9 ms on a [256, 1839] batch.
 */
import { tf } from "../backend";
import { aleaSeed, fillUniform } from "../core";

/** Options for {@link dropoutMask}. */
export interface DropoutMaskOptions {
  /** Probability of dropping a unit, in [0, 1]; compared in float32, as tfjs compares. */
  p: number;
  /** Value of a kept unit, e.g. 1 / (1 - p); each caller rounds it as its tfjs ops did. */
  scale: number;
  /** tfjs seed of the uniform draw. Default: one Math.random draw, as tfjs does. */
  seed?: number;
}

/**
 * A float32 mask of `shape`: `scale` where the uniform draw u satisfies u >= p, else 0.
 * @param shape - the mask's shape, e.g. [N, D]
 * @param options - p, scale, seed
 * @returns the mask tensor (the caller disposes it)
 * @example const m = dropoutMask([2, 3], { p: 0.5, scale: 2, seed: 1 }); // zeros and twos
 */
export function dropoutMask(shape: number[], options: DropoutMaskOptions): tf.Tensor {
  // tf.tensor, not a tensor written on the wasm heap: compileStep's recorder sees uploads, so a
  // step that draws an unseeded mask is reported as not replayable.
  const m = new Float32Array(shape.reduce((a, b) => a * b, 1));
  fillDropoutMask(m, options);
  return tf.tensor(m, shape, "float32");
}

/**
 * Writes the values of {@link dropoutMask} into `out` (the nn.Dropout layer draws through the
 * engine's fresh draws, so a replayed step draws its masks anew, straight into the heap).
 * @param out - the mask's values, row-major; its length is the mask's size
 * @param options - p, scale, seed
 * @example const v = new Float32Array(6); fillDropoutMask(v, { p: 0.5, scale: 2, seed: 1 }); // 0s and 2s
 */
export function fillDropoutMask(out: Float32Array, options: DropoutMaskOptions): void {
  fillUniform(out, aleaSeed(options.seed));
  keepAbove(out, Math.fround(options.p), options.scale);
}

/** u -> scale where u >= p, else 0, in place; alone in its function (see lib/core/alea.ts on loops and V8). */
function keepAbove(m: Float32Array, p: number, scale: number): void {
  // bool * number, written so: V8 compiles it without a branch (a random 50/50 branch, or `? :`,
  // `+bool` and `Number(bool)`, cost the loop 6x in mispredictions).
  for (let i = 0; i < m.length; i++) m[i] = ((m[i] >= p) as unknown as number) * scale;
}
