/**
 * nn.BatchNorm's training step in two wasm kernels (forward, backward) instead of ~20 tfjs
 * kernels per layer and batch (moments, normalization, scale and shift, running statistics; the
 * closed-form gradient's sums and products). On a small batch every kernel's dispatch costs more
 * than its arithmetic (see ./kernel.ts); MNIST's [64, 256] is 16k elements.
 *
 * Same bits as the composite path in lib/nn/tfjs-layers/batch-norm.ts on wasm: each value is the
 * same float32 operation in the same order as tfjs-backend-wasm's kernels compute it (Mean and
 * Sum add rows in order from 0 in float32, then divide by the row count; elementwise ops round
 * once each; Rsqrt is 1 / sqrt in float32). A Float32Array store rounds a double result of
 * one float32 operation to exactly what float32 arithmetic gives. Scalar JS loops, still less CPU
 * than the ~20 SIMD kernels they replace at notebook 15's feature maps (a step with its gradient,
 * alternating, loaded machine: [64, 32, 32, 8] 20-23 vs 24-27 ms, [64, 16, 16, 16] 9-11 vs 10-17 ms);
 * used up to {@link BATCH_NORM_JS_MAX} elements (not measured beyond), above it the composite path.
 */
// Straight from tfjs, not ../../backend: backend.ts imports the engine.
import * as tf from "@tensorflow/tfjs";
import { defineHeapKernel } from "./kernel";

const FORWARD = "DlcourseBatchNormTrain";
const BACKWARD = "DlcourseBatchNormGrad";
const fr = Math.fround;

/** Largest input (elements) the JS loops take (notebook 15's largest feature map is 524k). */
export const BATCH_NORM_JS_MAX = 1 << 20;

type Kernel = (ins: Float32Array[], outs: Float32Array[], attrs: Record<string, number>) => void;

/** [x, gamma, beta, runningMean, runningVar] -> [y, xhat, invStd, newMean, newVar]. */
const forward: Kernel = ([x, g, b, rm, rv], [y, xhat, inv, newMean, newVar], { eps, momentum: m }) => {
  const d = g.length, rows = x.length / d;
  // Float32Array stores round each sum, as the wasm Mean kernel adds rows in order in float32.
  const mean = new Float32Array(d), sq = new Float32Array(d);
  for (let i = 0, at = 0; i < rows; i++) for (let j = 0; j < d; j++, at++) mean[j] += x[at];
  for (let j = 0; j < d; j++) mean[j] /= rows;
  for (let i = 0, at = 0; i < rows; i++) {
    for (let j = 0; j < d; j++, at++) {
      const dev = fr(x[at] - mean[j]);
      sq[j] += fr(dev * dev);
    }
  }
  const epsF = fr(eps);
  const variance = sq.map((s) => s / rows);
  for (let j = 0; j < d; j++) inv[j] = 1 / fr(Math.sqrt(fr(variance[j] + epsF)));
  for (let i = 0, at = 0; i < rows; i++) {
    for (let j = 0; j < d; j++, at++) {
      const h = fr(fr(x[at] - mean[j]) * inv[j]);
      xhat[at] = h;
      y[at] = fr(h * g[j]) + b[j];
    }
  }
  const [keep, take, takeVar] = [fr(1 - m), fr(m), fr((m * rows) / (rows - 1))];
  for (let j = 0; j < d; j++) {
    newMean[j] = fr(rm[j] * keep) + fr(mean[j] * take);
    newVar[j] = fr(rv[j] * keep) + fr(variance[j] * takeVar);
  }
};

/** [dy, xhat, invStd, gamma] -> [dx, dgamma, dbeta]: dx = gamma invStd / n (n dy - dbeta - xhat dgamma). */
const backward: Kernel = ([dy, xh, inv, g], [dx, dgamma, dbeta]) => {
  const d = g.length, rows = dy.length / d, n = fr(rows);
  const sb = new Float32Array(d), sg = new Float32Array(d);
  for (let i = 0, at = 0; i < rows; i++) {
    for (let j = 0; j < d; j++, at++) {
      sb[j] += dy[at];
      sg[j] += fr(dy[at] * xh[at]);
    }
  }
  dbeta.set(sb);
  dgamma.set(sg);
  const c = g.map((gj, j) => gj * fr(inv[j] / n));
  for (let i = 0, at = 0; i < rows; i++) {
    for (let j = 0; j < d; j++, at++) dx[at] = c[j] * fr(fr(fr(dy[at] * n) - sb[j]) - fr(xh[at] * sg[j]));
  }
};

/** A kernel on the heap (./kernel.ts); the outputs' shapes from x's shape and D (gamma's length, the last input's). */
function define(name: string, kernel: Kernel, outShapes: (x: number[], d: number) => number[][]): void {
  defineHeapKernel<Record<string, number>>(name, (ins) => outShapes(ins[0].shape, ins[ins.length - 1].shape[0]), (ins, outs, attrs) => kernel(ins, outs, attrs));
}

/** Registers both kernels on wasm; idempotent. `installEngine()` calls it. */
export function defineFusedBatchNorm(): void {
  define(FORWARD, forward, (x, d) => [x, x, [d], [d], [d]]);
  define(BACKWARD, backward, (x, d) => [x, [d], [d]]);
}

/** Unregisters both kernels (`uninstallEngine()`): nn.BatchNorm then runs its composite ops. */
export function undefineFusedBatchNorm(): void {
  for (const name of [FORWARD, BACKWARD]) if (tf.getKernel(name, "wasm") != null) tf.unregisterKernel(name, "wasm");
}

/**
 * Whether the fused kernels take this input: the wasm backend with the kernels defined, float32,
 * at most {@link BATCH_NORM_JS_MAX} elements. Elsewhere the caller runs its composite ops.
 * @param x - the layer's input [N, ..., D]
 * @returns true to call {@link fusedBatchNormTrain}
 */
export function fusedBatchNormUsable(x: tf.Tensor): boolean {
  return tf.getBackend() === "wasm" && tf.getKernel(FORWARD, "wasm") != null && x.dtype === "float32" && x.size <= BATCH_NORM_JS_MAX;
}

/**
 * The training forward pass as one kernel (only where {@link fusedBatchNormUsable}).
 *
 * @param x - [N, ..., D] input, more than one row; gamma, beta, runningMean, runningVar: [D]
 * @param attrs - eps and the running averages' momentum (the new batch's weight)
 * @returns [y (x's shape), xhat (x's shape), invStd [D], new running mean [D], new running variance [D]]
 */
export function fusedBatchNormTrain(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor, runningMean: tf.Tensor, runningVar: tf.Tensor,
  attrs: { eps: number; momentum: number }): tf.Tensor[] {
  return tf.engine().runKernel(FORWARD, { x, gamma, beta, runningMean, runningVar }, attrs) as tf.Tensor[];
}

/**
 * The closed-form gradient as one kernel (only where {@link fusedBatchNormTrain} ran).
 * @returns [dx (dy's shape), dgamma [D], dbeta [D]]
 */
export function fusedBatchNormGrad(dy: tf.Tensor, xhat: tf.Tensor, invStd: tf.Tensor, gamma: tf.Tensor): tf.Tensor[] {
  return tf.engine().runKernel(BACKWARD, { dy, xhat, invStd, gamma }, {}) as tf.Tensor[];
}
