/**
 * Activation functions with their derivatives, elementwise over any shape. The derivative is
 * written in terms of x (and of f(x) where that is the cheap form, as on the slides:
 * sigmoid' = f (1 - f), tanh' = 1 - f^2). At x = 0 the ReLU family takes the left derivative, as
 * PyTorch's autograd does. Every `fn` is also differentiable by tf autodiff (`tf.grad`, `model.fit`),
 * with the same derivative as `grad`.
 */
import { tf } from "../backend";
import { asTensor, expectInRange, expectSameShape, tidy, type TensorLike } from "../core/check";
import { alias, type BackwardResult, type ForwardResult } from "./layer";

/** An activation: the function and its derivative. */
export interface Activation {
  /** Name, e.g. "leakyRelu(0.01)". */
  name: string;
  /** f(x), same shape as x; `tf.grad` through it gives dy * f'(x), f' as in `grad`. */
  fn(x: tf.Tensor): tf.Tensor;
  /** f'(x), same shape as x. */
  grad(x: tf.Tensor): tf.Tensor;
}

/**
 * f as a tf op whose gradient is dy * df(x): tf has no gradient for the comparisons a piecewise f
 * is built on (`tf.where(tf.greater(x, 0), ...)`), and its own elu has no alpha and takes the right
 * derivative at 0 where PyTorch takes the left one.
 */
function withDerivative(f: (x: tf.Tensor) => tf.Tensor, df: (x: tf.Tensor) => tf.Tensor): (x: tf.Tensor) => tf.Tensor {
  const op = tf.customGrad(((x: tf.Tensor, save: tf.GradSaveFunc) => {
    save([x]);
    return { value: f(x), gradFunc: (dy: tf.Tensor, [saved]: tf.Tensor[]) => tf.mul(dy, df(saved)) };
  }) as unknown as Parameters<typeof tf.customGrad>[0]);
  return (x) => op(x);
}

/** sigma(x) = 1 / (1 + e^-x); saturates for |x| >> 0 and is not zero-centred. */
export const sigmoid: Activation = {
  name: "sigmoid",
  fn: (x) => tf.sigmoid(x),
  grad: (x) => tf.tidy(() => { const s = tf.sigmoid(x); return tf.mul(s, tf.sub(1, s)); }),
};

/** tanh(x): zero-centred, still saturating; tanh' = 1 - tanh^2. */
export const tanh: Activation = {
  name: "tanh",
  fn: (x) => tf.tanh(x),
  grad: (x) => tf.tidy(() => tf.sub(1, tf.square(tf.tanh(x)))),
};

/** max(0, x): gradient 1 or 0, so a unit that only sees x < 0 stops learning ("dead"). */
export const relu: Activation = {
  name: "relu",
  fn: (x) => tf.relu(x),
  grad: (x) => tf.step(x, 0), // 1 where x > 0, else 0 (PyTorch's 0 at x = 0); one kernel, not Greater + Cast
};

/**
 * Leaky ReLU: x for x > 0, alpha x otherwise; never fully dead. Its derivative is 1 for x > 0 and
 * alpha for x <= 0 (at 0 too, as PyTorch's `leaky_relu`), in `grad` and under `tf.grad` alike.
 * @param alpha - slope for x < 0, in [0, 1). Default 0.01 (PyTorch).
 * @returns the activation; `fn` and `grad` map a tensor of any shape to one of the same shape
 * @throws Error `nn.leakyRelu: expected alpha in [0, 1), got 1` if alpha is outside [0, 1)
 * @example
 * const dx = tf.grad((x: tf.Tensor) => tf.sum(leakyRelu(0.2).fn(x)))(tf.tensor([-1, 0, 2])); // [0.2, 0.2, 1]
 */
export function leakyRelu(alpha = 0.01): Activation {
  expectInRange("nn.leakyRelu", "alpha", alpha, 0, 1, true);
  const grad = (x: tf.Tensor) => tf.tidy(() => tf.where(tf.greater(x, 0), tf.onesLike(x), tf.fill(x.shape, alpha)));
  return { name: `leakyRelu(${alpha})`, fn: withDerivative((x) => tf.leakyRelu(x, alpha), grad), grad };
}

/**
 * ELU: x for x > 0, alpha (e^x - 1) otherwise; smooth, mean activation closer to 0. Its derivative
 * is 1 for x > 0 and alpha e^x for x <= 0 (alpha at 0, as PyTorch's `elu`), in `grad` and under
 * `tf.grad` alike (tf's own `tf.elu` has alpha 1 only and gives 1 at 0).
 * @param alpha - saturation value for x -> -inf, > 0. Default 1.
 * @returns the activation; `fn` and `grad` map a tensor of any shape to one of the same shape
 * @throws Error `nn.elu: expected alpha > 0, got 0` if alpha <= 0 (or NaN)
 * @example
 * elu(1.5).grad(tf.tensor([-1, 0, 2])); // [1.5 e^-1, 1.5, 1]
 * const dx = tf.grad((x: tf.Tensor) => tf.sum(elu(1.5).fn(x)))(tf.tensor([-1, 0, 2])); // the same
 */
export function elu(alpha = 1): Activation {
  if (!(alpha > 0)) throw new Error(`nn.elu: expected alpha > 0, got ${alpha}`);
  const fn = (x: tf.Tensor) => tf.tidy(() => tf.where(tf.greater(x, 0), x, tf.mul(tf.expm1(x), alpha)));
  const grad = (x: tf.Tensor) => tf.tidy(() => tf.where(tf.greater(x, 0), tf.onesLike(x), tf.mul(tf.exp(x), alpha)));
  return { name: `elu(${alpha})`, fn: withDerivative(fn, grad), grad };
}

/** Cache of {@link activationForward}. */
export interface ActivationCache {
  x: tf.Tensor;
  activation: Activation;
}

/**
 * Forward pass of an activation layer (the shared layer contract).
 * @param x - pre-activations of any shape, e.g. [N, M]
 * @param activation - sigmoid, tanh, relu, leakyRelu(a) or elu(a)
 * @returns out = f(x), and the cache
 * @example const { out, cache } = activationForward(h, relu);
 */
export function activationForward(x: TensorLike, activation: Activation): ForwardResult<ActivationCache> {
  return tidy(() => {
    const xt = asTensor("nn.activationForward", "x", x);
    return { out: activation.fn(xt), cache: { x: alias(xt), activation } };
  });
}

/**
 * Backward pass of an activation layer: dx = dout * f'(x).
 * @param dout - upstream gradient, x's shape
 * @param cache - from activationForward
 * @returns dx, x's shape
 * @throws Error if dout's shape differs from x's
 * @example const { dx } = activationBackward(dout, cache);
 */
export function activationBackward(dout: tf.Tensor, cache: ActivationCache): BackwardResult {
  expectSameShape("nn.activationBackward", "dout", dout, "x", cache.x);
  return tidy(() => ({ dx: tf.mul(dout, cache.activation.grad(cache.x)) }));
}
