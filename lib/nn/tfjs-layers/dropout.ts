/**
 * Inverted dropout as a tfjs-layers layer with PyTorch's p (probability to drop). In model.fit
 * tfjs-layers calls it with training = true (units dropped, the rest scaled by 1/(1-p)); in
 * predict/evaluate with training = false (identity). Keras's tf.layers.dropout names p `rate`;
 * with a fixed seed it draws the same mask every step, this layer advances the seed per call.
 */
import { tf } from "../../backend";
import { fillDropoutMask } from "../dropout-mask";
import { freshTensor } from "../../engine/replay/fresh";

/** Options for {@link Dropout}. */
export interface DropoutLayerOptions {
  /** Probability to drop a unit, in [0, 1). Default 0.5. */
  p?: number;
  /** Seed of the first mask; call k uses seed + k. Default: unseeded. */
  seed?: number;
  /** Layer name. Default: generated. */
  name?: string;
  /** Input shape when first in a model. */
  inputShape?: number[];
}

type Kwargs = { training?: boolean };

/** Dropout layer; shape-preserving. */
export class Dropout extends tf.layers.Layer {
  static className = "DlcourseDropout";
  readonly p: number;
  readonly seed?: number;
  private calls = 0;

  constructor(options: DropoutLayerOptions = {}) {
    super({ name: options.name, inputShape: options.inputShape });
    this.p = options.p ?? 0.5;
    this.seed = options.seed;
    if (!(this.p >= 0 && this.p < 1)) throw new Error(`nn.Dropout: expected p (drop probability) in [0, 1), got ${this.p}`);
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    if (!(kwargs.training ?? false) || this.p === 0) return tf.clone(x);
    // The scale as tf.div(keep, 1 - p) rounded it: 1 over (1 - p) in float32, divided in float32.
    const scale = Math.fround(1 / Math.fround(1 - this.p));
    // A fresh draw: a replayed model.fit step (lib/engine/replay) calls it again, advancing the seed as here.
    const draw = (out: Float32Array) => {
      const seed = this.seed == null ? undefined : this.seed + this.calls;
      this.calls += 1;
      fillDropoutMask(out, { p: this.p, scale, seed });
    };
    return tf.tidy(() => tf.mul(x, freshTensor(draw, x.shape, this)));
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return inputShape;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), p: this.p, seed: this.seed ?? null };
  }
}
tf.serialization.registerClass(Dropout);
