/**
 * Batch normalization as a tfjs-layers layer, with PyTorch's conventions, for tf.sequential
 * models trained by model.fit. tfjs-layers passes training = true to call() in fit and false in
 * predict/evaluate, so the layer uses batch statistics (and updates the running ones) only while
 * fitting. Keras's own tf.layers.batchNormalization differs: momentum 0.99 is the weight of the
 * OLD running value (this layer's 0.1 weighs the NEW batch: Keras 0.9 = PyTorch 0.1), it keeps
 * the biased batch variance as running variance, and eps defaults to 1e-3.
 */
import { tf } from "../../backend";
import type { LayerVariable } from "@tensorflow/tfjs-layers/dist/variables";
import { fusedBatchNormUsable, fusedBatchNormTrain, fusedBatchNormGrad } from "../../engine/fused/batch-norm";

/** Options for {@link BatchNorm}. */
export interface BatchNormLayerOptions {
  /** Weight of the new batch in the running average, in [0, 1]. Default 0.1 (PyTorch). */
  momentum?: number;
  /** Added to the variance, > 0. Default 1e-5 (PyTorch). */
  eps?: number;
  /** Layer name. Default: generated. */
  name?: string;
  /** Input shape when first in a model, e.g. [D]. */
  inputShape?: number[];
}

type Kwargs = { training?: boolean };

/**
 * Training-mode batch norm over every axis but the last, with its closed-form gradient
 * (lib/nn/batch-norm.ts derives it: dx = gamma invStd / N (N dy - sum dy - xhat sum(dy xhat))).
 * Why not autodiff through tf.moments and tf.batchNorm: that graph (means, squared differences,
 * broadcasts, Tile in the gradient, a saved copy per tensor) is ~40 kernels per layer and step,
 * this one ~20, and on small batches every kernel's dispatch costs as much as its arithmetic.
 * @returns y (x's shape) and the batch mean and biased variance [D] (the caller disposes them)
 */
function batchNormTrain(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor, eps: number): { y: tf.Tensor; mean: tf.Tensor; variance: tf.Tensor } {
  const axes = x.shape.slice(0, -1).map((_, i) => i);
  const n = x.size / x.shape[x.shape.length - 1];
  let stats: tf.Tensor[] = [];
  const f = tf.customGrad(((xs: tf.Tensor, g: tf.Tensor, b: tf.Tensor, save: tf.GradSaveFunc) => {
    const { mean, variance } = tf.moments(xs, axes);
    stats = [tf.keep(mean), tf.keep(variance)]; // for the running statistics; no gradient
    const invStd = tf.rsqrt(tf.add(variance, eps));
    const xhat = tf.mul(tf.sub(xs, mean), invStd);
    save([xhat, invStd, g]);
    return {
      value: tf.add(tf.mul(xhat, g), b),
      gradFunc: (dy: tf.Tensor, [xh, inv, gs]: tf.Tensor[]) => {
        const dbeta = tf.sum(dy, axes);
        const dgamma = tf.sum(tf.mul(dy, xh), axes);
        const dx = tf.mul(tf.mul(gs, tf.div(inv, n)), tf.sub(tf.sub(tf.mul(dy, n), dbeta), tf.mul(xh, dgamma)));
        return [dx, dgamma, dbeta];
      },
    };
  }) as unknown as Parameters<typeof tf.customGrad>[0]);
  const y = (f as unknown as (...t: tf.Tensor[]) => tf.Tensor)(x, gamma, beta);
  return { y, mean: stats[0], variance: stats[1] };
}

/**
 * The same step as {@link batchNormTrain} plus the running statistics' update, as one wasm kernel
 * forward and one backward (lib/engine/fused/batch-norm.ts, the same bits), or null where the
 * engine does not take it (other backends, large inputs).
 * @returns y and the new running mean and variance [D] (kept: the caller disposes them)
 */
function batchNormTrainFused(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor, running: tf.Tensor[], attrs: { eps: number; momentum: number }):
  { y: tf.Tensor; newMean: tf.Tensor; newVar: tf.Tensor } | null {
  if (!fusedBatchNormUsable(x)) return null;
  let stats: tf.Tensor[] = [];
  const f = tf.customGrad(((xs: tf.Tensor, g: tf.Tensor, b: tf.Tensor, save: tf.GradSaveFunc) => {
    const [y, xhat, invStd, newMean, newVar] = fusedBatchNormTrain(xs, g, b, running[0], running[1], attrs);
    stats = [tf.keep(newMean), tf.keep(newVar)];
    save([xhat, invStd, g]);
    return { value: y, gradFunc: (dy: tf.Tensor, [xh, inv, gs]: tf.Tensor[]) => fusedBatchNormGrad(dy, xh, inv, gs) };
  }) as unknown as Parameters<typeof tf.customGrad>[0]);
  const y = (f as unknown as (...t: tf.Tensor[]) => tf.Tensor)(x, gamma, beta);
  return { y, newMean: stats[0], newVar: stats[1] };
}

/** Normalizes the last axis ([N, D], or [N, H, W, C] per channel). */
export class BatchNorm extends tf.layers.Layer {
  static className = "DlcourseBatchNorm";
  readonly momentum: number;
  readonly eps: number;
  private gamma!: LayerVariable;
  private beta!: LayerVariable;
  private runningMean!: LayerVariable;
  private runningVar!: LayerVariable;

  constructor(options: BatchNormLayerOptions = {}) {
    super({ name: options.name, inputShape: options.inputShape });
    this.momentum = options.momentum ?? 0.1;
    this.eps = options.eps ?? 1e-5;
    if (!(this.momentum >= 0 && this.momentum <= 1)) throw new Error(`nn.BatchNorm: expected momentum in [0, 1], got ${this.momentum}`);
    if (!(this.eps > 0)) throw new Error(`nn.BatchNorm: expected eps > 0, got ${this.eps}`);
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const d = shape[shape.length - 1];
    if (d == null) throw new Error(`nn.BatchNorm: the last axis must have a known size, got input shape [${shape}]`);
    this.gamma = this.addWeight("gamma", [d], "float32", tf.initializers.ones());
    this.beta = this.addWeight("beta", [d], "float32", tf.initializers.zeros());
    this.runningMean = this.addWeight("running_mean", [d], "float32", tf.initializers.zeros(), undefined, false);
    this.runningVar = this.addWeight("running_var", [d], "float32", tf.initializers.ones(), undefined, false);
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      const [gamma, beta] = [this.gamma.read(), this.beta.read()];
      if (!(kwargs.training ?? false)) {
        return tf.batchNorm(x, this.runningMean.read(), this.runningVar.read(), beta, gamma, this.eps);
      }
      const n = x.size / x.shape[x.shape.length - 1];
      if (n < 2) throw new Error(`nn.BatchNorm: training needs more than 1 value per feature, got input [${x.shape}]`);
      const running = [this.runningMean.read(), this.runningVar.read()];
      const fused = batchNormTrainFused(x, gamma, beta, running, { eps: this.eps, momentum: this.momentum });
      if (fused != null) {
        this.runningMean.write(fused.newMean);
        this.runningVar.write(fused.newVar);
        tf.dispose([fused.newMean, fused.newVar]);
        return fused.y;
      }
      const { y, mean, variance } = batchNormTrain(x, gamma, beta, this.eps);
      const m = this.momentum;
      // Running stats are state, not part of the loss: no gradient reaches them.
      const [newMean, newVar] = tf.tidy(() => [
        tf.add(tf.mul(this.runningMean.read(), 1 - m), tf.mul(mean, m)),
        tf.add(tf.mul(this.runningVar.read(), 1 - m), tf.mul(variance, (m * n) / (n - 1))),
      ]);
      this.runningMean.write(newMean);
      this.runningVar.write(newVar);
      tf.dispose([mean, variance]);
      return y;
    });
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return inputShape;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), momentum: this.momentum, eps: this.eps };
  }
}
tf.serialization.registerClass(BatchNorm);
