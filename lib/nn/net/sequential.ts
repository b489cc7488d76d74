/**
 * A small feed-forward net trained with hand-written backprop: forward runs the layers in order
 * and keeps their caches, backward runs them in reverse, each turning d(out) into d(in) plus its
 * parameter gradients. Parameters are named "<layer index>.<name>", e.g. "0.w".
 */
import { tf } from "../../backend";
import { activationStats, type ActivationStatsOptions, type LayerActivationStats } from "../activation-stats";
import { disposeCache } from "../layer";
import type { NetLayer } from "./net-layers";
import { softmaxLoss, svmLoss } from "../score-losses";
import { gradientStep } from "../../optim/sgd";
import { checkOptions } from "../../core/options";

/** Options for {@link Sequential.forward}. */
export interface SequentialForwardOptions {
  /** Training mode (dropout active, batch statistics). Default true. */
  training?: boolean;
  /** Seed of the dropout masks. Default: unseeded. */
  seed?: number;
  /** Parameters to use instead of the net's own (by full name), e.g. inside tf.grad. */
  params?: Record<string, tf.Tensor>;
}

/** Options for {@link Sequential.lossAndGrads}. */
export interface LossAndGradsOptions extends SequentialForwardOptions {
  /** "softmax" cross-entropy or CS231n's multiclass "svm" loss. Default "softmax". */
  loss?: "softmax" | "svm";
}

/** Throws a clear error for anything but a NetLayer (e.g. a tfjs-layers class such as nn.BatchNorm). */
function checkLayers(layers: unknown): asserts layers is NetLayer[] {
  if (!Array.isArray(layers) || layers.length === 0) throw new Error("nn.Sequential: expected a non-empty array of layers");
  layers.forEach((l, i) => {
    const ok = l != null && typeof l.forward === "function" && typeof l.backward === "function" && typeof l.params === "object";
    if (ok) return;
    const got = l?.constructor?.name ?? typeof l;
    throw new Error(
      `nn.Sequential: expected layer ${i} as a NetLayer (nn.denseLayer, nn.batchNormLayer, nn.dropoutLayer, nn.activationLayer), got ${got}; ` +
        "tfjs-layers classes such as nn.BatchNorm go into tf.sequential({ layers: [...] })",
    );
  });
}

/**
 * A stack of {@link NetLayer}s with manual backprop: the from-scratch counterpart of PyTorch's
 * `nn.Sequential`. Its layers are NetLayers made by `nn.denseLayer`, `nn.batchNormLayer`,
 * `nn.dropoutLayer`, `nn.activationLayer`, not the tfjs-layers classes `nn.BatchNorm` /
 * `nn.Dropout` (those run under autodiff in `tf.sequential`); passing one is a type error and,
 * from plain JS, an error naming the fix.
 * @example
 * const net = new Sequential([denseLayer(w1, b1), activationLayer(relu), denseLayer(w2, b2)]);
 * const { loss, grads } = net.lossAndGrads(x, y);   // x [N, D], y [N]
 * net.sgdStep(grads, 0.1);
 */
export class Sequential {
  constructor(readonly layers: NetLayer[]) {
    checkLayers(layers);
  }

  /** All parameters by full name ("0.w", "0.b", ...). */
  params(): Record<string, tf.Tensor> {
    const out: Record<string, tf.Tensor> = {};
    this.layers.forEach((l, i) => Object.entries(l.params).forEach(([k, v]) => (out[`${i}.${k}`] = v)));
    return out;
  }

  /**
   * Runs the layers. x [N, D] -> out [N, C].
   * @returns out and the caches (dispose with disposeCaches, or run inside tf.tidy)
   */
  forward(x: tf.Tensor, options: SequentialForwardOptions = {}): { out: tf.Tensor; caches: object[] } {
    checkOptions<SequentialForwardOptions>("nn.Sequential.forward", options, { training: true, seed: true, params: true });
    const ctx = { training: options.training ?? true, seed: options.seed };
    const caches: object[] = [];
    let h = x;
    this.layers.forEach((layer, i) => {
      const p = Object.fromEntries(Object.entries(layer.params).map(([k, v]) => [k, options.params?.[`${i}.${k}`] ?? v]));
      const { out, cache } = layer.forward(h, p, { ...ctx, seed: ctx.seed == null ? undefined : ctx.seed + i });
      if (h !== x) h.dispose();
      caches.push(cache);
      h = out;
    });
    return { out: h, caches };
  }

  /** Backprop of dout [N, C] through the layers: dx [N, D] and one gradient per parameter. */
  backward(dout: tf.Tensor, caches: object[]): { dx: tf.Tensor; grads: Record<string, tf.Tensor> } {
    const { dx, grads } = this.backprop(dout, caches, true);
    return { dx: dx!, grads };
  }

  /** {@link backward}; without `inputGrad` the first layer may skip dx (null then). */
  private backprop(dout: tf.Tensor, caches: object[], inputGrad: boolean): { dx: tf.Tensor | null; grads: Record<string, tf.Tensor> } {
    const grads: Record<string, tf.Tensor> = {};
    let d = dout;
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const needDx = inputGrad || i > 0;
      const { dx, grads: g } = this.layers[i].backward(d, caches[i], { inputGrad: needDx });
      Object.entries(g).forEach(([k, v]) => (grads[`${i}.${k}`] = v));
      if (d !== dout) d.dispose();
      if (dx == null && needDx) throw new Error(`nn.Sequential.backward: expected layer ${i} (${this.layers[i].kind}) to return dx, got null`);
      if (dx == null) return { dx: null, grads };
      d = dx;
    }
    return { dx: d, grads };
  }

  /**
   * Forward, loss and backward in one call; intermediate tensors are freed.
   * @param x - inputs [N, D]
   * @param y - class indices [N]
   * @returns the mean loss (a number) and gradients by parameter name
   */
  lossAndGrads(x: tf.Tensor, y: tf.Tensor | number[], options: LossAndGradsOptions = {}): { loss: number; grads: Record<string, tf.Tensor> } {
    checkOptions<LossAndGradsOptions>("nn.Sequential.lossAndGrads", options, { loss: true, training: true, seed: true, params: true });
    const lossFn = (options.loss ?? "softmax") === "svm" ? svmLoss : softmaxLoss;
    const { out, caches } = this.forward(x, { training: options.training, seed: options.seed, params: options.params });
    const { loss, dscores } = lossFn(out, y);
    // The gradient of the data is not asked for: the first dense layer skips it.
    const { dx, grads } = this.backprop(dscores, caches, false);
    const value = loss.dataSync()[0];
    tf.dispose([out, loss, dscores, ...(dx == null ? [] : [dx])]);
    caches.forEach(disposeCache);
    return { loss: value, grads };
  }

  /**
   * Statistics of every activation layer's output on x (inference mode), e.g. to watch the
   * signal vanish with a bad initialization or ReLUs die. Rows are named "<index>.<kind>".
   */
  activationStats(x: tf.Tensor, options: ActivationStatsOptions = {}): LayerActivationStats[] {
    return tf.tidy(() => {
      const outs: Record<string, tf.Tensor> = {};
      let h = x;
      this.layers.forEach((layer, i) => {
        h = layer.forward(h, layer.params, { training: false }).out;
        if (Object.keys(layer.params).length === 0 && layer.kind !== "dropout") outs[`${i}.${layer.kind}`] = h;
      });
      return activationStats(outs, options) as unknown as tf.TensorContainer;
    }) as unknown as LayerActivationStats[];
  }

  /**
   * Plain SGD step p <- p - lr * grad for every parameter; disposes the gradients. On wasm each
   * parameter's update is one fused kernel (optim's `gradientStep`) instead of Mul + Sub.
   */
  sgdStep(grads: Record<string, tf.Tensor>, lr: number): void {
    this.layers.forEach((layer, i) => {
      for (const k of Object.keys(layer.params)) {
        const g = grads[`${i}.${k}`];
        if (g == null) continue;
        const old = layer.params[k];
        layer.params[k] = tf.keep(tf.tidy(() => gradientStep(old, g, lr)));
        old.dispose();
      }
    });
    tf.dispose(Object.values(grads));
  }
}
