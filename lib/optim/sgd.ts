/**
 * Stochastic gradient descent, as `torch.optim.SGD`; for a parameter w with gradient g:
 *
 * ```
 * b_t = mu * b_{t-1} + (1 - tau) * g     (momentum buffer, b_1 = g)
 * w  <- w - alpha * (nesterov ? g + mu * b_t : b_t)
 * ```
 * This file holds only the rule; on wasm the same rule runs as one fused kernel
 * (lib/engine/fused/sgd.ts) through the optimizer hook (./update-hook.ts).
 */
import { tf } from "../backend";
import { TorchOptimizer, type ParamState } from "./optimizer";
import type { SGDOptions } from "./types";

export type { SGDOptions };
import { boolean, nonNegative } from "../core/options";
import { fastUpdateFor } from "./update-hook";


const DEFAULTS: SGDOptions = { lr: 1e-3, momentum: 0, dampening: 0, weightDecay: 0, nesterov: false, maximize: false };

/**
 * One plain gradient step `param - lr * grad` on a tensor that is not an optimizer's variable
 * (e.g. the from-scratch nets of `nn`), through the same fast path as {@link SGD} on wasm.
 *
 * @param param - the parameter, any shape
 * @param grad - its gradient, the same shape
 * @param lr - the learning rate
 * @returns a new tensor; param and grad are untouched
 * @example const w1 = gradientStep(w, dw, 0.1);
 */
export function gradientStep(param: tf.Tensor, grad: tf.Tensor, lr: number): tf.Tensor {
  const fast = fastUpdateFor<SGDOptions>(SGD);
  const fused = fast?.({ ...DEFAULTS, lr }, param, grad, { slots: {}, scalars: { step: 1 } });
  return fused ?? tf.sub(param, tf.mul(grad, lr));
}

/**
 * Stochastic gradient descent with optional (Nesterov) momentum, as `torch.optim.SGD`.
 *
 * Update for a parameter w with gradient g (step t = 1, 2, ...):
 * ```
 * g <- g + lambda * w                                  (weightDecay)
 * b_1 = g;  b_t = mu * b_{t-1} + (1 - tau) * g         (momentum buffer; tau = dampening)
 * d = nesterov ? g + mu * b_t : b_t                    (d = g when momentum = 0)
 * w <- w - alpha * d
 * ```
 * Lecture: plain SGD is `x_{t+1} = x_t - alpha * grad f(x_t)`; "heavy ball" momentum is
 * `v_{t+1} = rho * v_t + grad f(x_t)`, `x_{t+1} = x_t - alpha * v_{t+1}`, which is this buffer with
 * dampening 0. The lecture's other form `h_t = alpha * h_{t-1} + eta * g_t`, `w_t = w_{t-1} - h_t`
 * puts the learning rate inside the buffer (h = eta * b): identical while lr is constant, but
 * under a schedule PyTorch's form applies the new lr to the whole buffer at once. The EMA form
 * `V_t = beta * V_{t-1} + (1 - beta) * g` is `momentum = dampening = beta`, except that PyTorch starts
 * the buffer at the first gradient (b_1 = g), not at 0.
 *
 * Nesterov: the lecture (Sutskever et al.) evaluates the gradient at the look-ahead point,
 * `h_t = alpha * h_{t-1} + eta * grad L(w_{t-1} - alpha * h_{t-1})`, `w_t = w_{t-1} - h_t`.
 * PyTorch instead stores the look-ahead point itself, p = w - mu * h, and updates it with the
 * gradient taken there: `p <- p - lr * (g + mu * b_t)`. With a constant lr both produce the same
 * iterates up to that change of variable (w_t = p_t + lr * mu * b_t), so the trajectory drawn
 * from this optimizer is the look-ahead sequence.
 *
 * @param options - see {@link SGDOptions}; unknown keys are rejected
 * @throws Error `optim.SGD: expected lr >= 0, got -1` (likewise for momentum, dampening, weightDecay)
 * @throws Error `optim.SGD: nesterov needs momentum > 0 and dampening 0` when it has neither
 * @example
 * const opt = new optim.SGD({ lr: 0.1, momentum: 0.9, nesterov: true });
 * model.compile({ optimizer: opt, loss: "meanSquaredError" });
 */
export class SGD extends TorchOptimizer<SGDOptions> {
  static get className(): string {
    return "dlcourse.SGD";
  }
  protected readonly slots = ["momentumBuffer"] as const;

  /** No buffer until a step with momentum != 0 needs one (PyTorch's state is empty without momentum). */
  protected override initSlot(): null {
    return null;
  }

  constructor(options?: Partial<SGDOptions>) {
    super("optim.SGD", options, DEFAULTS, {
      momentum: nonNegative,
      dampening: nonNegative,
      weightDecay: nonNegative,
      nesterov: boolean,
      maximize: boolean,
    });
    const o = this.options;
    if (o.nesterov && (o.momentum <= 0 || o.dampening !== 0)) {
      throw new Error(`optim.SGD: nesterov needs momentum > 0 and dampening 0, got momentum ${o.momentum}, dampening ${o.dampening}`);
    }
  }

  protected update(param: tf.Tensor, grad: tf.Tensor, state: ParamState): tf.Tensor {
    const { lr, momentum, dampening, nesterov, weightDecay } = this.options;
    let d = this.decayedGrad(param, grad, weightDecay);
    if (momentum !== 0) {
      const buf = state.slots.momentumBuffer;
      // PyTorch creates the buffer on the first momentum step as a copy of the gradient.
      const next = buf == null ? d : tf.add(tf.mul(buf, momentum), tf.mul(d, 1 - dampening));
      this.setSlot(state, "momentumBuffer", next);
      d = nesterov ? tf.add(d, tf.mul(next, momentum)) : next;
    }
    return tf.sub(param, tf.mul(d, lr));
  }
}

tf.serialization.registerClass(SGD);
