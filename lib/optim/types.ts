/**
 * The options of the optimizers that lib/engine/fused has one-kernel forms of (PyTorch's names,
 * camelCase), as types only: a leaf, so the engine reads these types without importing the
 * optimizers (which import ../backend, which installs the engine). Each optimizer re-exports its own.
 */

/** Options every optimizer has. */
export interface BaseOptions {
  /** Learning rate (step size), >= 0. */
  lr: number;
  /** Ascend instead of descend (PyTorch's `maximize`). Default false. */
  maximize: boolean;
}

/** Options of `optim.SGD`: PyTorch's `torch.optim.SGD` arguments in camelCase, same defaults. */
export interface SGDOptions extends BaseOptions {
  /** Learning rate alpha, >= 0. Default 1e-3 (PyTorch's). */
  lr: number;
  /** Momentum factor mu, >= 0. Default 0 (plain SGD). */
  momentum: number;
  /** Dampening tau for momentum: the gradient enters the buffer scaled by (1 - tau). Default 0. */
  dampening: number;
  /** Coupled L2 penalty lambda: the gradient becomes g + lambda * w. Default 0. */
  weightDecay: number;
  /** PyTorch-style Nesterov momentum (needs momentum > 0 and dampening 0). Default false. */
  nesterov: boolean;
  /** Ascend instead of descend. Default false. */
  maximize: boolean;
}

/** Options of `optim.RMSprop`: `torch.optim.RMSprop` arguments in camelCase, same defaults. */
export interface RMSpropOptions extends BaseOptions {
  /** Learning rate eta, >= 0. Default 1e-2. */
  lr: number;
  /** Smoothing constant of the squared-gradient average, in [0, 1]. Default 0.99 (lecture/Keras: 0.9). */
  alpha: number;
  /** Added to the root for stability. Default 1e-8. */
  eps: number;
  /** Coupled L2 penalty lambda (g <- g + lambda * w). Default 0. */
  weightDecay: number;
  /** Momentum factor mu applied to the normalized step, >= 0. Default 0. */
  momentum: number;
  /** Divide by the centered second moment E[g^2] - E[g]^2 (a variance estimate). Default false. */
  centered: boolean;
  /** Lecture form `sqrt(G + eps)` instead of PyTorch's `sqrt(G) + eps`. Default false. */
  epsInsideSqrt: boolean;
  /** Ascend instead of descend. Default false. */
  maximize: boolean;
}

/** Options of `optim.Adam`: `torch.optim.Adam` arguments in camelCase, same defaults. */
export interface AdamOptions extends BaseOptions {
  /** Learning rate eta, >= 0. Default 1e-3. */
  lr: number;
  /** [beta1, beta2]: decay of the first and second moment averages, each in [0, 1). Default [0.9, 0.999]. */
  betas: [number, number];
  /** Added to the root of the second moment. Default 1e-8 (Keras: 1e-7). */
  eps: number;
  /** Weight decay lambda: coupled L2 (g <- g + lambda * w) unless `decoupledWeightDecay`. Default 0. */
  weightDecay: number;
  /** AMSGrad: divide by the running maximum of the second moment. Default false. */
  amsgrad: boolean;
  /** Decay the weights directly, w <- w * (1 - eta * lambda), as AdamW. Default false. */
  decoupledWeightDecay: boolean;
  /** Lecture form `sqrt(v_hat + eps)` instead of PyTorch's `sqrt(v_hat) + eps`. Default false. */
  epsInsideSqrt: boolean;
  /** Ascend instead of descend. Default false. */
  maximize: boolean;
}
