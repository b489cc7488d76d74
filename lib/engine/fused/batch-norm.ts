/**
 * nn.BatchNorm's training step in two wasm kernels (forward, backward) instead of ~20 tfjs
 * kernels per layer and batch (moments, normalization, scale and shift, running statistics; the
 * closed-form gradient's sums and products). On a small batch every kernel's dispatch costs more
 * than its arithmetic (see ./kernel.ts); MNIST's [64, 256] is 16k elements.
 *
 * Same bits as the composite path in lib/nn/tfjs-layers/batch-norm.ts on wasm: each value is the
 * same float32 operation in the same order as tfjs-backend-wasm's kernels compute it (Mean and
 * Sum add rows in order from 0 in float32, then divide by the row count; elementwise ops round
 * once each; Rsqrt is 1 / sqrt in float32). The passes over the data run 4 columns at a time in
 * ./batch-norm-simd.ts where D is a multiple of 4 (MNIST's [64, 256]: forward 216 -> 26 us,
 * backward 195 -> 30 us), else in scalar JS loops, where a Float32Array store rounds a double
 * result of one float32 operation to exactly what float32 arithmetic gives. The scalar loops
 * already took less CPU than the ~20 SIMD kernels they replace at notebook 15's feature maps (a
 * step with its gradient, loaded machine: [64, 32, 32, 8] 20-23 vs 24-27 ms); used up to
 * {@link BATCH_NORM_JS_MAX} elements (not measured beyond), above it the composite path.
 */
// Straight from tfjs, not ../../backend: backend.ts imports the engine.
import * as tf from "@tensorflow/tfjs";
import { defineHeapKernel, type FusedHeap } from "./kernel";
import { batchNormKernels } from "./batch-norm-simd";

const FORWARD = "DlcourseBatchNormTrain";
const BACKWARD = "DlcourseBatchNormGrad";
const fr = Math.fround;

/** Largest input (elements) the JS loops take (notebook 15's largest feature map is 524k). */
export const BATCH_NORM_JS_MAX = 1 << 20;

type Kernel = (ins: Float32Array[], outs: Float32Array[], attrs: Record<string, number>, heap: FusedHeap) => void;

/**
 * [x, gamma, beta, runningMean, runningVar] -> [y, xhat, invStd, newMean, newVar]. The outputs
 * newMean and newVar hold the batch's mean and squared deviations until the running statistics
 * overwrite them: the SIMD passes need those column vectors on the heap.
 */
const forward: Kernel = ([x, g, b, rm, rv], [y, xhat, inv, newMean, newVar], { eps, momentum: m }, heap) => {
  const d = g.length, rows = x.length / d;
  const [px, pg, pb, , , py, pxhat, pinv, pmean, psq] = heap.ptrs;
  const k = batchNormKernels(heap.memory, d);
  const [mean, sq] = [newMean.fill(0), newVar.fill(0)];
  // Float32Array stores round each sum, as the wasm Mean kernel adds rows in order in float32.
  if (k) k.bnSum(px, pmean, rows, 4 * d);
  else for (let i = 0, at = 0; i < rows; i++) for (let j = 0; j < d; j++, at++) mean[j] += x[at];
  for (let j = 0; j < d; j++) mean[j] /= rows;
  if (k) k.bnSqDev(px, pmean, psq, rows, 4 * d);
  else {
    for (let i = 0, at = 0; i < rows; i++) {
      for (let j = 0; j < d; j++, at++) {
        const dev = fr(x[at] - mean[j]);
        sq[j] += fr(dev * dev);
      }
    }
  }
  const epsF = fr(eps);
  const variance = sq.map((s) => s / rows);
  for (let j = 0; j < d; j++) inv[j] = 1 / fr(Math.sqrt(fr(variance[j] + epsF)));
  if (k) k.bnNorm(px, pmean, pinv, pg, pb, pxhat, py, rows, 4 * d);
  else {
    for (let i = 0, at = 0; i < rows; i++) {
      for (let j = 0; j < d; j++, at++) {
        const h = fr(fr(x[at] - mean[j]) * inv[j]);
        xhat[at] = h;
        y[at] = fr(h * g[j]) + b[j];
      }
    }
  }
  const [keep, take, takeVar] = [fr(1 - m), fr(m), fr((m * rows) / (rows - 1))];
  for (let j = 0; j < d; j++) {
    newMean[j] = fr(rm[j] * keep) + fr(mean[j] * take);
    newVar[j] = fr(rv[j] * keep) + fr(variance[j] * takeVar);
  }
};

/**
 * [dy, xhat, invStd, gamma] -> [dx, dgamma, dbeta, c]: dx = gamma invStd / n (n dy - dbeta - xhat
 * dgamma). c = gamma invStd / n is scratch for the SIMD pass ({@link fusedBatchNormGrad} drops it).
 */
const backward: Kernel = ([dy, xh, inv, g], [dx, dgamma, dbeta, c], _attrs, heap) => {
  const d = g.length, rows = dy.length / d, n = fr(rows);
  const [pdy, pxh, , , pdx, psg, psb, pc] = heap.ptrs;
  const k = batchNormKernels(heap.memory, d);
  const [sb, sg] = [dbeta.fill(0), dgamma.fill(0)];
  if (k) k.bnGradSums(pdy, pxh, psb, psg, rows, 4 * d);
  else {
    for (let i = 0, at = 0; i < rows; i++) {
      for (let j = 0; j < d; j++, at++) {
        sb[j] += dy[at];
        sg[j] += fr(dy[at] * xh[at]);
      }
    }
  }
  for (let j = 0; j < d; j++) c[j] = g[j] * fr(inv[j] / n);
  if (k) k.bnGrad(pdy, pxh, psb, psg, pc, pdx, rows, 4 * d, n);
  else {
    for (let i = 0, at = 0; i < rows; i++) {
      for (let j = 0; j < d; j++, at++) dx[at] = c[j] * fr(fr(fr(dy[at] * n) - sb[j]) - fr(xh[at] * sg[j]));
    }
  }
};

/** A kernel on the heap (./kernel.ts); the outputs' shapes from x's shape and D (gamma's length, the last input's). */
function define(name: string, kernel: Kernel, outShapes: (x: number[], d: number) => number[][]): void {
  defineHeapKernel<Record<string, number>>(name, (ins) => outShapes(ins[0].shape, ins[ins.length - 1].shape[0]), kernel);
}

/** Registers both kernels on wasm; idempotent. `installEngine()` calls it. */
export function defineFusedBatchNorm(): void {
  define(FORWARD, forward, (x, d) => [x, x, [d], [d], [d]]);
  define(BACKWARD, backward, (x, d) => [x, [d], [d], [d]]);
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
  const [dx, dgamma, dbeta, scratch] = tf.engine().runKernel(BACKWARD, { dy, xhat, invStd, gamma }, {}) as tf.Tensor[];
  scratch.dispose();
  return [dx, dgamma, dbeta];
}
