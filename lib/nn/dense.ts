/**
 * Fully connected (affine) layer: out = x W + b, with the tfjs kernel layout W [D, M].
 */
import { tf } from "../backend";
import { asTensor, expectShape, tidy, type TensorLike } from "../core/check";
import { alias, type BackwardResult, type ForwardResult } from "./layer";

/** Cache of {@link denseForward}. */
export interface DenseCache {
  x: tf.Tensor2D;
  w: tf.Tensor2D;
}

/**
 * Forward pass of a dense layer.
 * @param x - inputs [N, D]
 * @param w - weights [D, M]
 * @param b - biases [M]
 * @returns out [N, M] = x w + b, and the cache (its own handles on x and w)
 * @throws Error if x is not 2-D, or w is not [D, M], or b is not [M]
 * @example
 * const { out, cache } = denseForward(x, w, b);  // x [32, 4], w [4, 10], b [10] -> out [32, 10]
 */
export function denseForward(x: TensorLike, w: TensorLike, b: TensorLike): ForwardResult<DenseCache> {
  const fn = "nn.denseForward";
  return tidy(() => {
    const [xt, wt, bt] = [asTensor(fn, "x", x), asTensor(fn, "w", w), asTensor(fn, "b", b)];
    expectShape(fn, "x", xt, ["N", "D"]);
    expectShape(fn, "w", wt, [xt.shape[1] as number, "M"]);
    expectShape(fn, "b", bt, [wt.shape[1] as number]);
    // Not tf.fused.matMul: it reshapes a, b and the result to 3-D around its kernel (4 kernels, not 2).
    const out = tf.add(tf.matMul(xt, wt), bt);
    return { out, cache: { x: alias(xt) as tf.Tensor2D, w: alias(wt) as tf.Tensor2D } };
  });
}

/**
 * Backward pass of a dense layer: dx = dout W^T, dw = x^T dout, db = sum over the batch of dout.
 * @param dout - upstream gradient [N, M]
 * @param cache - from denseForward
 * @returns dx [N, D], dw [D, M], db [M]
 * @throws Error if dout is not [N, M]
 * @example const { dx, dw, db } = denseBackward(dout, cache);
 */
export function denseBackward(dout: tf.Tensor, cache: DenseCache): BackwardResult<"dw" | "db"> {
  expectShape("nn.denseBackward", "dout", dout, [cache.x.shape[0], cache.w.shape[1]]);
  return tf.tidy(() => ({ dx: tf.matMul(dout, cache.w, false, true), ...paramGrads(dout, cache) }));
}

/**
 * The parameter gradients of a dense layer without dx: dw = x^T dout, db = sum over the batch of
 * dout. For a net's first layer, whose dx (the gradient of the data) nobody uses; for MNIST's
 * 784 -> 256 layer it is as much arithmetic as the forward product. PyTorch skips it too.
 * @param dout - upstream gradient [N, M]
 * @param cache - from denseForward
 * @returns dw [D, M], db [M]
 * @throws Error if dout is not [N, M]
 * @example const { dw, db } = denseParamGrads(dout, cache);
 */
export function denseParamGrads(dout: tf.Tensor, cache: DenseCache): { dw: tf.Tensor; db: tf.Tensor } {
  expectShape("nn.denseParamGrads", "dout", dout, [cache.x.shape[0], cache.w.shape[1]]);
  return tf.tidy(() => paramGrads(dout, cache));
}

const paramGrads = (dout: tf.Tensor, cache: DenseCache) => ({ dw: tf.matMul(cache.x, dout, true, false), db: tf.sum(dout, 0) });
