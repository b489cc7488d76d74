/**
 * `tf.dropout` (what tf.layers.dropout calls in training) with its mask built in JS from tfjs's own
 * uniform stream, and drawn as a fresh tensor (./replay/fresh.ts), so a replayed model.fit step
 * draws a new mask as the eager step does.
 *
 * Why: tfjs-core builds the mask as `floor(randomUniform(shape) + keep) / keep`: its uniforms come
 * one JS call per element, then three kernels run over them; and an upload of new random values
 * makes every recording of a step differ, so model.fit with tf.layers.dropout (the homework's
 * models) could not be replayed. lib/core/alea.ts draws the same stream four chains at a time.
 *
 * Same bits: u is the float32 uniform tfjs draws (same seed, or one Math.random draw when
 * unseeded, as tfjs); keep = fround(1 - rate); a unit is kept where fround(u + keep) >= 1 (the
 * floor is then 1, else 0), and its multiplier is fround(1 / keep): a float32 sum and quotient
 * computed in double and rounded once are the float32 results (53 >= 2 * 24 + 2 bits). Handled:
 * float32 tensors, 0 < rate < 1, no noiseShape; everything else goes to tfjs's own op.
 */
// Straight from tfjs, not ../backend: backend.ts imports the engine.
import * as tf from "@tensorflow/tfjs";
import { overrideCoreOp } from "./kernel-override";
import { freshTensor } from "./replay/fresh";
import { aleaSeed, fillUniform } from "../core/alea";

type Dropout = (x: tf.Tensor | tf.TensorLike, rate: number, noiseShape?: number[], seed?: number | string) => tf.Tensor;

/** u -> scale where fround(u + keep) >= 1, else 0, in place; alone in its function (see lib/core/alea.ts on loops and V8). */
function keepWhereFloorIsOne(m: Float32Array, keep: number, scale: number): void {
  // bool * number: compiled without a branch (see lib/nn/dropout-mask.ts).
  for (let i = 0; i < m.length; i++) m[i] = ((Math.fround(m[i] + keep) >= 1) as unknown as number) * scale;
}

/** Writes the multiplier tfjs's dropout computes into `out`: 0 or fround(1 / keep). */
function multiplier(out: Float32Array, keep: number, seed: number | string | undefined): void {
  fillUniform(out, aleaSeed(seed));
  keepWhereFloorIsOne(out, keep, Math.fround(1 / keep));
}

function fastDropout(x: tf.Tensor | tf.TensorLike, rate: number, noiseShape?: number[], seed?: number | string): tf.Tensor {
  const handled = x instanceof tf.Tensor && x.dtype === "float32" && noiseShape == null && rate > 0 && rate < 1;
  if (!handled) return fastDropoutOp.original()(x, rate, noiseShape, seed);
  const keep = Math.fround(1 - rate);
  const shape = (x as tf.Tensor).shape;
  return tf.tidy(() => tf.mul(x as tf.Tensor, freshTensor((out) => multiplier(out, keep, seed), shape, fastDropout)));
}

/**
 * The replacement of `tf.dropout` by {@link fastDropout}, off until installed; `installEngine()`
 * installs it on wasm.
 * @example
 * fastDropoutOp.install();   // tf.layers.dropout's masks four chains at a time, and replayable in model.fit
 */
export const fastDropoutOp = overrideCoreOp<Dropout>("dropout", fastDropout as Dropout);
