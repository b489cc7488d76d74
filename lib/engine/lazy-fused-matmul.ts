/**
 * `tf.fused.matMul` (what tfjs-layers' dense layer calls) with a gradient that computes only the
 * derivatives backprop asks for.
 *
 * Why: tfjs-core writes the fused product's gradient as a `customGrad`, which computes the
 * derivatives of A, B and the bias together whenever any of them is needed. The first dense
 * layer's input is data: its derivative (dX = dY W^T, for MNIST's 784 -> 256 layer as much
 * arithmetic as the forward product) is computed every batch and thrown away. PyTorch skips it.
 * Here the op runs the _FusedMatMul kernel directly, with a registered gradient whose
 * derivatives are functions that tfjs's tape calls only for inputs on the path to what is
 * differentiated. The forward also skips the op's Reshape kernels (2-D in, 2-D out).
 *
 * Same arithmetic: the kernel is the same, and the derivatives are tfjs's own expressions
 * (dY W^T and X^T dY for the four transpose combinations, the bias's as a sum over rows), so the
 * numbers are the same bits (tests/engine/lazy-fused-matmul.test.ts). Handled: 2-D float32
 * tensors, a rank-1 bias or none, linear activation (tfjs itself does not fuse other activations
 * while recording a gradient); everything else goes to tfjs's own op.
 */
// Straight from tfjs, not ../backend: backend.ts imports the engine.
import * as tf from "@tensorflow/tfjs";
import { override } from "./kernel-override";
import { wasmFusedMatMul } from "./wasm-fused-matmul";

type FusedMatMul = typeof tf.fused.matMul;
type Args = Parameters<FusedMatMul>[0];
type Attrs = { transposeA: boolean; transposeB: boolean };

const KERNEL = "_FusedMatMul";

const isFloat2D = (t: unknown): t is tf.Tensor2D => t instanceof tf.Tensor && t.rank === 2 && t.dtype === "float32";

/** tfjs's own derivatives of A and B for each transpose combination (fused_mat_mul.ts), as thunks. */
function derivatives(dy: tf.Tensor2D, a: tf.Tensor2D, b: tf.Tensor2D, { transposeA: ta, transposeB: tb }: Attrs) {
  if (!ta && !tb) return { a: () => tf.matMul(dy, b, false, true), b: () => tf.matMul(a, dy, true, false) };
  if (!ta && tb) return { a: () => tf.matMul(dy, b, false, false), b: () => tf.matMul(dy, a, true, false) };
  if (ta && !tb) return { a: () => tf.matMul(b, dy, false, true), b: () => tf.matMul(a, dy, false, false) };
  return { a: () => tf.matMul(b, dy, true, true), b: () => tf.matMul(dy, a, true, true) };
}

function registerGradientOnce(): void {
  if (tf.getGradient(KERNEL) != null) return;
  tf.registerGradient({
    kernelName: KERNEL,
    inputsToSave: ["a", "b"],
    gradFunc: (dy, saved, attrs) => {
      const [a, b] = saved as tf.Tensor2D[];
      const d = dy as tf.Tensor2D;
      return { ...derivatives(d, a, b, attrs as unknown as Attrs), bias: () => tf.sum(d, 0) };
    },
  });
}

function lazyFusedMatMul(args: Args): tf.Tensor {
  const { a, b, bias, transposeA = false, transposeB = false, activation = "linear", preluActivationWeights } = args;
  // The kernel of ./wasm-fused-matmul.ts takes 2-D operands; tfjs's own kernels want 3-D.
  const handled = wasmFusedMatMul.installed() && tf.getBackend() === "wasm" && isFloat2D(a) && isFloat2D(b) && activation === "linear" && preluActivationWeights == null &&
    (bias == null || (bias instanceof tf.Tensor && bias.rank === 1 && bias.dtype === "float32" &&
      bias.shape[0] === (transposeB ? b.shape[0] : b.shape[1]))) &&
    (transposeA ? a.shape[0] : a.shape[1]) === (transposeB ? b.shape[1] : b.shape[0]);
  if (!handled) return lazyFusedMatMulOp.original()(args);
  const inputs: tf.NamedTensorMap = bias == null ? { a, b } : { a, b, bias: bias as tf.Tensor };
  const attrs = { transposeA, transposeB, activation: "linear", leakyreluAlpha: 0.2 };
  return tf.engine().runKernel(KERNEL, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor;
}

const fused = tf.fused as unknown as { matMul: FusedMatMul };

/**
 * The replacement of `tf.fused.matMul` by {@link lazyFusedMatMul}, off until installed;
 * `installEngine()` installs it on wasm (where ./wasm-fused-matmul.ts computes the product).
 * @example
 * lazyFusedMatMulOp.install();  // a first dense layer no longer computes dX
 */
export const lazyFusedMatMulOp = override<FusedMatMul>("tf.fused.matMul", {
  read: () => fused.matMul,
  write: (f) => {
    registerGradientOnce();
    fused.matMul = f;
  },
}, lazyFusedMatMul as FusedMatMul);
