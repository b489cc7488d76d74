/**
 * The from-scratch layers packaged for {@link Sequential}: each holds its parameters and maps
 * the shared forward/backward contract onto them. Parameters are passed to forward explicitly so
 * that the same net can be differentiated by tf.grad for comparison.
 */
import { tf } from "../../backend";
import { activationBackward, activationForward, type Activation, type ActivationCache } from "../activations";
import { batchNormBackward, batchNormForward, createBatchNormState, type BatchNormCache, type BatchNormState } from "../batch-norm";
import { denseBackward, denseForward, denseParamGrads, type DenseCache } from "../dense";
import { dropoutBackward, dropoutForward, type DropoutCache } from "../dropout";

/** Per-call settings passed down by the net. */
export interface NetContext {
  training: boolean;
  seed?: number;
}

/** A layer of a {@link Sequential} net. */
export interface NetLayer {
  /** Kind of layer, e.g. "dense". */
  kind: string;
  /** Trainable parameters by short name (w, b, gamma, beta); owned by the layer. */
  params: Record<string, tf.Tensor>;
  forward(x: tf.Tensor, params: Record<string, tf.Tensor>, ctx: NetContext): { out: tf.Tensor; cache: object };
  /**
   * dout -> dx and the parameters' gradients. With `inputGrad: false` (the net's first layer,
   * whose dx nobody uses) a layer may skip dx and return null for it.
   */
  backward(dout: tf.Tensor, cache: object, ctx?: BackwardContext): { dx: tf.Tensor | null; grads: Record<string, tf.Tensor> };
}

/** Per-call settings of a backward pass. */
export interface BackwardContext {
  /** Whether dx is needed. Default true. */
  inputGrad?: boolean;
}

/** Dense layer with weights w [D, M] and biases b [M] (kept by the layer). */
export function denseLayer(w: tf.Tensor, b: tf.Tensor): NetLayer {
  return {
    kind: "dense",
    params: { w: tf.keep(w), b: tf.keep(b) },
    forward: (x, p) => denseForward(x, p.w, p.b),
    backward: (dout, cache, ctx) => {
      if (ctx?.inputGrad === false) {
        const { dw, db } = denseParamGrads(dout, cache as DenseCache);
        return { dx: null, grads: { w: dw, b: db } };
      }
      const { dx, dw, db } = denseBackward(dout, cache as DenseCache);
      return { dx, grads: { w: dw, b: db } };
    },
  };
}

/** Elementwise activation (no parameters). */
export function activationLayer(activation: Activation): NetLayer {
  return {
    kind: activation.name,
    params: {},
    forward: (x) => activationForward(x, activation),
    backward: (dout, cache) => ({ dx: activationBackward(dout, cache as ActivationCache).dx, grads: {} }),
  };
}

/** Inverted dropout with drop probability p; the net's seed (if any) fixes the masks. */
export function dropoutLayer(p: number): NetLayer {
  return {
    kind: "dropout",
    params: {},
    forward: (x, _p, ctx) => dropoutForward(x, { p, training: ctx.training, seed: ctx.seed }),
    backward: (dout, cache) => ({ dx: dropoutBackward(dout, cache as DropoutCache).dx, grads: {} }),
  };
}

/** Batch norm over D features with gamma = 1, beta = 0 and fresh running stats (PyTorch defaults). */
export function batchNormLayer(d: number, state: BatchNormState = createBatchNormState(d)): NetLayer & { state: BatchNormState } {
  return {
    kind: "batchNorm",
    state,
    params: { gamma: tf.keep(tf.ones([d])), beta: tf.keep(tf.zeros([d])) },
    forward: (x, p, ctx) => batchNormForward(x, p.gamma, p.beta, state, { training: ctx.training }),
    backward: (dout, cache) => {
      const { dx, dgamma, dbeta } = batchNormBackward(dout, cache as BatchNormCache);
      return { dx, grads: { gamma: dgamma, beta: dbeta } };
    },
  };
}
