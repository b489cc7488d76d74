/**
 * Weight penalties with Keras semantics (no 1/2): l1 = l1 * sum|w|, l2 = l2 * sum w^2.
 *
 * Usable (1) as tfjs-layers kernel/bias regularizers, since they extend tfjs's Regularizer, and
 * (2) in custom loops: `penalty(w)` adds to the loss, `grad(w)` to the gradient. tfjs-layers
 * 4.22 accepts `activityRegularizer` in the layer config but throws NotImplementedError when the
 * layer is used; for activity penalties add `penalty(h)` of the activations h yourself.
 *
 * L2 vs weight decay: the gradient of l2 * sum w^2 is 2 l2 w, so SGD on loss + l2 penalty equals
 * PyTorch's SGD(weight_decay = 2 * l2). With adaptive optimizers (Adam) the penalty gradient is
 * rescaled per weight like any gradient; decoupled decay (AdamW, w <- w - lr * wd * w applied
 * outside the gradient) is not equivalent to any L2 penalty there.
 */
import { tf } from "../../backend";
import type { Regularizer } from "@tensorflow/tfjs-layers/dist/regularizers";

/** Options for {@link l1l2} (= elasticNet). */
export interface L1L2Options {
  /** L1 rate, >= 0. Default 0 here; 0.01 in {@link l1}. */
  l1?: number;
  /** L2 rate, >= 0. Default 0 here; 0.01 in {@link l2}. */
  l2?: number;
}

// tfjs-layers checks `instanceof Regularizer` but exports only factories.
const RegularizerBase = Object.getPrototypeOf(tf.regularizers.l1().constructor) as abstract new () => Regularizer;

/** An L1 + L2 penalty, a tfjs-layers Regularizer. */
export class Penalty extends RegularizerBase {
  static className = "DlcoursePenalty";
  constructor(readonly l1: number, readonly l2: number) {
    super();
    for (const [name, v] of [["l1", l1], ["l2", l2]] as const) {
      if (!(v >= 0) || !Number.isFinite(v)) throw new Error(`nn.regularizers: expected ${name} >= 0, got ${v}`);
    }
  }
  /** The penalty l1 * sum|x| + l2 * sum x^2, a scalar (tfjs-layers calls this). */
  apply(x: tf.Tensor): tf.Scalar {
    return tf.tidy(() => tf.add(tf.mul(tf.sum(tf.abs(x)), this.l1), tf.mul(tf.sum(tf.square(x)), this.l2)) as tf.Scalar);
  }
  /** Same as apply: the term to add to the loss. */
  penalty(x: tf.Tensor): tf.Scalar {
    return this.apply(x);
  }
  /** d penalty / dx = l1 sign(x) + 2 l2 x (sign(0) = 0), x's shape. */
  grad(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => tf.add(tf.mul(tf.sign(x), this.l1), tf.mul(x, 2 * this.l2)));
  }
  override getConfig(): tf.serialization.ConfigDict {
    return { l1: this.l1, l2: this.l2 };
  }
}

/**
 * L1 penalty l1 * sum|w| (drives weights to exactly 0).
 * @param rate - l1 >= 0. Default 0.01 (Keras).
 * @returns a Penalty
 * @throws Error if rate < 0
 * @example tf.layers.dense({ units: 10, kernelRegularizer: l1(1e-4) });
 */
export function l1(rate = 0.01): Penalty {
  return new Penalty(rate, 0);
}

/**
 * L2 penalty l2 * sum w^2 (gradient 2 l2 w; = PyTorch weight_decay 2 l2 under SGD).
 * @param rate - l2 >= 0. Default 0.01 (Keras).
 * @returns a Penalty
 * @throws Error if rate < 0
 * @example const loss = tf.add(dataLoss, l2(1e-3).penalty(w));
 */
export function l2(rate = 0.01): Penalty {
  return new Penalty(0, rate);
}

/**
 * Elastic net: l1 * sum|w| + l2 * sum w^2.
 * @param options - l1 and l2 rates, each default 0
 * @returns a Penalty
 * @throws Error if a rate is negative
 * @example l1l2({ l1: 1e-5, l2: 1e-4 });
 */
export function l1l2(options: L1L2Options = {}): Penalty {
  return new Penalty(options.l1 ?? 0, options.l2 ?? 0);
}

/** Alias of {@link l1l2}. */
export const elasticNet = l1l2;
