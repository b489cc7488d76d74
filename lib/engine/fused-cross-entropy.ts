/**
 * losses.crossEntropy's two passes, and nn.softmaxLoss, as one wasm kernel each, plugged in
 * through lib/losses/kernel-hook.ts.
 *
 * tfjs computes the per-row loss from logits with ~15 kernels (logSoftmax's Max, Sub, Cast, Exp,
 * Sum, Log, Sub; then Greater, Multiply, ZerosLike, three broadcast copies, Select, Sum, Neg) and
 * the closed-form gradient with 6; in the spiral's lecture step they were a quarter of all kernels.
 * Here the forward pass is one kernel and the backward pass another. The exponentials and the
 * logarithm are the C library's `expf` and `logf` that tfjs's Exp and Log kernels call, ported
 * to JS bit for bit (./expf-logf.ts; until round 12 those kernels were called); the rest is float32
 * arithmetic in JS, in the order of tfjs's kernels (a Float32Array store, or Math.fround, rounds a
 * double operation on float32 operands to the float32 operation's result, since 53 >= 2 * 24 + 2):
 *
 *   forward, row i:  m = z_i0, then m = z_ij wherever z_ij > m  (Max: a NaN only wins first)
 *                    s_ij = z_ij - m;  e = exp(s);  l = log(0 + e_i0 + e_i1 + ...)
 *                    logp_ij = s_ij - l;  rows_i = -(0 + sum_j (t_ij > 0 ? t_ij logp_ij : 0))
 *   backward, row i: dz_ij = dy_i ((exp(logp_ij) (0 + t_i0 + t_i1 + ...)) - t_ij)
 *
 * With class indices y [N] (int32) for t, each row's t is the one-hot row tfjs's oneHot and Cast
 * make, and the same operations reduce to rows_i = -(0 + logp_iy) (0 + x is x, but -0 becomes 0)
 * and dz_ij = dy_i (exp(logp_ij) - [j = y_i]) (the row sum of a one-hot row is 1, and e 1 = e):
 * no OneHot and Cast kernels a step.
 *
 * nn.softmaxLoss (CS231n's loss with its gradient, no autodiff) is one kernel too: the same log
 * softmax, then loss = -(0 + sum over every element of t logp) / N and dscores = (exp(logp) - t) / N.
 *
 * Same bits as the composite (tests/engine/fused-cross-entropy.test.ts). Off wasm, for other
 * dtypes or shapes, and while a gradient is recorded where the kernels' work would have to be on
 * the tape (a gradient of a gradient; nn.softmaxLoss under tf.grad), the hook returns null and
 * the loss runs its tfjs ops.
 */
// Straight from tfjs, not ../backend: backend.ts imports the engine.
import * as tf from "@tensorflow/tfjs";
import { override, gradientDepth } from "./kernel-override";
import type { WasmBackend } from "./wasm-heap";
import { expf, logf } from "./expf-logf";
import { crossEntropyKernels, type CrossEntropyKernels } from "../losses/kernel-hook";
import { ignoresUnusedOutputs } from "./tape-node";

type Info = tf.TensorInfo;
type KernelArgs = { inputs: Record<string, Info>; backend: WasmBackend };

const FORWARD = "DlcourseCrossEntropyRows";
const BACKWARD = "DlcourseCrossEntropyRowsGrad";
const SCORE_LOSS = "DlcourseSoftmaxScoreLoss";
const fr = Math.fround;

/** z [N, C] -> log softmax(z) into `logp` [N, C], as tfjs's logSoftmax computes it (views on the heap, same shape). */
function logSoftmaxInto(zv: Float32Array, lp: Float32Array, n: number, c: number): void {
  for (let i = 0, at = 0; i < n; i++, at += c) {
    let m = zv[at];
    for (let j = at; j < at + c; j++) if (zv[j] > m) m = zv[j];
    // The shifted logits go where log softmax will; their exponentials are only summed.
    let s = 0;
    for (let j = at; j < at + c; j++) {
      lp[j] = zv[j] - m;
      s = fr(s + expf(lp[j]));
    }
    const l = logf(s);
    for (let j = at; j < at + c; j++) lp[j] = lp[j] - l;
  }
}

function forward({ inputs: { t, z }, backend }: KernelArgs): Info[] {
  const [n, c] = z.shape;
  const [rows, logp] = [backend.makeOutput([n], "float32"), backend.makeOutput([n, c], "float32")];
  // Views after the allocations (they may grow the heap and detach earlier ones).
  const view = (x: Info) => backend.typedArrayFromHeap(x) as Float32Array;
  const [zv, lp, tv, rv] = [view(z), view(logp), backend.typedArrayFromHeap(t), view(rows)];
  logSoftmaxInto(zv, lp, n, c);
  if (t.shape.length === 1) {
    for (let i = 0; i < n; i++) rv[i] = -(0 + lp[i * c + tv[i]]);
  } else {
    for (let i = 0, at = 0; i < n; i++, at += c) {
      let acc = 0;
      for (let j = at; j < at + c; j++) acc = fr(acc + (tv[j] > 0 ? fr(tv[j] * lp[j]) : 0));
      rv[i] = -acc;
    }
  }
  return [rows, logp];
}

/** nn.softmaxLoss: loss = -(sum of t logp) / N over every element, dscores = (exp(logp) - t) / N. */
function scoreLoss({ inputs: { t, z }, backend }: KernelArgs): Info[] {
  const [n, c] = z.shape;
  const [loss, dscores, logp] = [backend.makeOutput([], "float32"), backend.makeOutput([n, c], "float32"), backend.makeOutput([n, c], "float32")];
  const [zv, lp, tv, dv] = [z, logp, t, dscores].map((x) => backend.typedArrayFromHeap(x));
  logSoftmaxInto(zv as Float32Array, lp as Float32Array, n, c);
  let acc = 0;
  for (let j = 0; j < n * c; j++) {
    acc = fr(acc + fr(tv[j] * lp[j]));
    dv[j] = fr(expf(lp[j]) - tv[j]) / n;
  }
  backend.typedArrayFromHeap(loss)[0] = -acc / n;
  backend.disposeData(logp.dataId);
  return [loss, dscores];
}

function backward({ inputs: { dy, logp, t }, backend }: KernelArgs): Info {
  const [n, c] = logp.shape;
  const dz = backend.makeOutput([n, c], "float32");
  const view = (x: Info) => backend.typedArrayFromHeap(x) as Float32Array;
  const [dyv, lp, tv, dzv] = [view(dy), view(logp), backend.typedArrayFromHeap(t), view(dz)];
  if (t.shape.length === 1) {
    for (let i = 0, at = 0; i < n; i++, at += c) {
      const [d, y] = [dyv[i], tv[i]];
      for (let j = 0; j < c; j++) dzv[at + j] = d * fr(expf(lp[at + j]) - (j === y ? 1 : 0));
    }
  } else {
    for (let i = 0, at = 0; i < n; i++, at += c) {
      let ts = 0;
      for (let j = 0; j < c; j++) ts = fr(ts + tv[at + j]);
      for (let j = 0; j < c; j++) dzv[at + j] = dyv[i] * fr(fr(expf(lp[at + j]) * ts) - tv[at + j]);
    }
  }
  return dz;
}

/**
 * The forward kernel's gradient, registered as tfjs's kernels' are, for `rows` (class indices): dz
 * from the backward kernel; the indices get zeros (labels are constants; float32, as tfjs's
 * OneHot gives its indices). The gradient of the unused logp output is ignored.
 */
const ROWS_GRADIENT: tf.GradConfig = {
  kernelName: FORWARD,
  inputsToSave: ["t"],
  outputsToSave: [false, true],
  gradFunc: (dys, [t, logp]) => ({
    z: () => tf.engine().runKernel(BACKWARD, { dy: (dys as tf.Tensor[])[0], logp, t }) as tf.Tensor,
    t: () => tf.zeros(t.shape, "float32"),
  }),
};

/** Registers the three kernels on wasm, and the forward kernel's gradient; idempotent. `installEngine()` calls it. */
export function defineCrossEntropyKernels(): void {
  for (const [kernelName, kernelFunc] of [[FORWARD, forward], [BACKWARD, backward], [SCORE_LOSS, scoreLoss]] as const) {
    if (tf.getKernel(kernelName, "wasm") == null) tf.registerKernel({ kernelName, backendName: "wasm", kernelFunc: kernelFunc as unknown as tf.KernelFunc });
  }
  if (tf.getGradient(FORWARD) == null) tf.registerGradient(ROWS_GRADIENT);
  ignoresUnusedOutputs(FORWARD);
}

const isFloat2D = (x: tf.Tensor) => x.rank === 2 && x.dtype === "float32";
/** Target rows t [N, C] float32, or class indices [N] int32 (their one-hot rows), for logits [N, C]. */
const fitsTarget = (t: tf.Tensor, z: tf.Tensor) => (isFloat2D(t) && tf.util.arraysEqual(t.shape, z.shape)) || (t.rank === 1 && t.dtype === "int32" && t.shape[0] === z.shape[0]);
const usable = (kernel: string) => tf.getBackend() === "wasm" && tf.getKernel(kernel, "wasm") != null;

const KERNELS: CrossEntropyKernels = {
  forward(t, z) {
    if (!usable(FORWARD) || !isFloat2D(z) || !fitsTarget(t, z)) return null;
    return tf.engine().runKernel(FORWARD, { t, z }) as tf.Tensor[] as [tf.Tensor, tf.Tensor];
  },
  backward(dy, logp, t) {
    if (!usable(BACKWARD) || gradientDepth() > 0 || dy.dtype !== "float32" || !isFloat2D(logp) || !fitsTarget(t, logp)) return null;
    return tf.engine().runKernel(BACKWARD, { dy, logp, t }) as tf.Tensor;
  },
  rows(t, z) {
    // gradientDepth() > 1: a gradient of a gradient, which needs the backward kernel's own gradient.
    if (!usable(FORWARD) || !usable(BACKWARD) || gradientDepth() > 1 || !isFloat2D(z) || t.rank !== 1 || !fitsTarget(t, z)) return null;
    const [rows, logp] = tf.engine().runKernel(FORWARD, { t, z }) as tf.Tensor[];
    logp.dispose(); // the tape saved its own handle for the backward pass
    return rows;
  },
  softmaxLoss(t, z) {
    // Under tf.grad (a test of the manual gradient against autodiff) the ops must be on the tape.
    if (!usable(SCORE_LOSS) || gradientDepth() > 0 || !isFloat2D(z) || !isFloat2D(t) || !tf.util.arraysEqual(t.shape, z.shape)) return null;
    return tf.engine().runKernel(SCORE_LOSS, { t, z }) as tf.Tensor[] as [tf.Tensor, tf.Tensor];
  },
};

/**
 * The one-kernel passes in losses.crossEntropy and nn.softmaxLoss, off until installed (`installEngine()` does).
 * @example
 * fusedCrossEntropy.uninstall();  // tfjs's ops: ~15 kernels forward, 6 backward
 * fusedCrossEntropy.install();    // one each
 */
export const fusedCrossEntropy = override<CrossEntropyKernels>("losses.crossEntropy kernels", {
  read: () => crossEntropyKernels.current,
  write: (k) => (crossEntropyKernels.current = k),
}, KERNELS);
