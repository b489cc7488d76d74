/**
 * The hook through which one-kernel forms of cross-entropy's two passes plug into
 * losses.crossEntropy (./cross-entropy.ts), and of CS231n's softmax loss into nn.softmaxLoss
 * (lib/nn/score-losses.ts), without these files knowing about them: lib/engine's wasm kernels
 * are put here when `ready()` installs the engine, as an override that tests and bench/ can take
 * out. By default every form returns null and the losses run their tfjs ops.
 *
 * This file is a leaf: it imports only tfjs types, so the engine may import it without a cycle.
 */
import type { Tensor } from "@tensorflow/tfjs";

/** Cross-entropy from logits in one kernel per pass, and CS231n's softmax loss in one; each returns null where it does not apply. */
export interface CrossEntropyKernels {
  /**
   * The per-row losses -sum_c t_c log softmax(z)_c [N] (terms with t_c <= 0 count 0) and
   * log softmax(z) [N, C], computed as tfjs's ops compute them.
   * @param target - target rows t [N, C], float32, or class indices [N], int32, in [0, C) (their
   *   one-hot rows, as tfjs's oneHot and a cast to float32 make them)
   * @param logits - z [N, C], float32
   */
  forward(target: Tensor, logits: Tensor): [Tensor, Tensor] | null;
  /**
   * dz = dy (exp(logp) sum_c t_c - t) [N, C], as tfjs's ops compute it.
   * @param dy - the rows' gradient [N]
   * @param logp - log softmax(z) [N, C] from `forward`
   * @param target - t [N, C], or the class indices [N] given to `forward`
   */
  backward(dy: Tensor, logp: Tensor, target: Tensor): Tensor | null;
  /**
   * The per-row losses [N] as `forward` computes them, as one kernel whose gradient is registered
   * as tfjs's own kernels' are (a tape node that a replayed backward pass can name), or null.
   * @param target - class indices [N], int32, in [0, C)
   * @param logits - z [N, C], float32
   */
  rows(target: Tensor, logits: Tensor): Tensor | null;
  /**
   * nn.softmaxLoss's loss -(sum over every element of t logp) / N (a scalar) and its gradient
   * dscores = (exp(logp) - t) / N [N, C], logp = log softmax(z), as tfjs's ops compute them.
   * @param target - one-hot rows t [N, C], float32
   * @param logits - scores z [N, C], float32
   */
  softmaxLoss(target: Tensor, logits: Tensor): [Tensor, Tensor] | null;
}

/** Where the loss finds its kernels; `current` is replaced by the engine's override. */
export const crossEntropyKernels: { current: CrossEntropyKernels } = {
  current: { forward: () => null, backward: () => null, rows: () => null, softmaxLoss: () => null },
};
