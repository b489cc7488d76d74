/**
 * The engine: code that makes TensorFlow.js fast on small networks, kept apart from the teaching
 * code. Nothing here changes a result beyond float32 rounding; every piece is tested equal to what
 * tfjs computes itself (tests/engine/) and measured in bench/.
 *
 * - kernel-override.ts: the one mechanism for replacing a tfjs kernel or engine method reversibly
 * - wasm-matmul.ts, wasm-fused-matmul.ts, wasm-gather.ts, wasm-slice.ts, wasm-sum.ts: faster wasm
 *   BatchMatMul, _FusedMatMul (both through gemm/, a matrix product without XNNPACK's weight packing that skips zero factors),
 *   GatherV2, Slice, and Sum over leading axes (a bias's gradient)
 * - wasm-broadcast.ts: Add, Sub and Multiply with a row or a scalar broadcast (a bias added to a batch)
 * - autodiff-clone.ts: tensors saved for backprop without a copy kernel (and `aliasTensor`)
 * - lazy-fused-matmul.ts, lazy-fused-conv2d.ts: `tf.fused.matMul` (dense layers) and `tf.fused.conv2d`
 *   (conv layers) computing only the derivatives asked for (no dX for a first layer)
 * - wasm-conv-filter.ts: the conv2d filter gradient tfjs-backend-wasm lacks (a kernel added, not replaced; in SIMD: conv-filter-simd.ts)
 * - wasm-threads.ts (+ wasm-pool-workers.ts, wasm-worker.cjs): tfjs-backend-wasm's threaded build started in Node,
 *   on request, `ready({ threads })` (registered by `ready()`; `restartWasm` for tests and bench/)
 * - wasm-conv-input.ts: the conv2d input gradient as a forward convolution (XNNPACK) instead of a scalar loop
 * - wasm-maxpool-grad.ts: max-pooling's gradient in one pass when windows do not overlap (in SIMD: maxpool-grad-simd.ts)
 * - fast-dropout.ts: `tf.dropout` (tf.layers.dropout) with its mask from lib/core/alea.ts, the same bits
 * - fast-norm.ts: `tf.norm(x)` (Euclidean, whole tensor) in one kernel with a one-kernel gradient, the same bits
 * - fast-activation-grads.ts: the autodiff gradients of ReLU, sigmoid and tanh in one kernel each, the same bits
 * - fused-cross-entropy.ts: losses.crossEntropy's forward and backward passes, and nn.softmaxLoss,
 *   in one kernel each (through lib/losses/kernel-hook.ts), the same bits
 * - lean-grads.ts: Add's, Multiply's, AddN's and Mean's gradients without their Reshape, Identity and Cast kernels
 * - lean-tape.ts: tfjs's `engine.gradients` with a faster tape filter (Sets, not objects keyed by ids),
 *   and the backward passes it has seen replayed (replay/backward.ts; tape-node.ts keeps each tape node's
 *   attributes and gradient function for that)
 * - lean-run-kernel.ts: tfjs's `engine.runKernel` (every op's launch) without its profiling and debugging bookkeeping;
 *   lean-end-scope.ts: `engine.endScope` (every op's return) for a one-tensor result
 * - expf-logf.ts, powf-square.ts (their tables: libm-tables.ts): the C library's expf, logf and powf(x, 2)
 *   in JS, bit for bit, for the kernels above that compute in JS
 * - fused/: one-kernel optimizer updates (a hand-assembled WebAssembly SIMD module in simd.ts)
 *   and nn.BatchNorm's training step in two kernels (batch-norm.ts),
 *   plugged into the optimizers through lib/optim/update-hook.ts
 * - replay/: record a step's kernels and replay them without the engine (used by `optim.compileStep`
 *   and, through replay/fit.ts, by model.fit)
 *
 * Who imports what: lib/backend.ts calls {@link installEngine} from `ready()`; lib/nn uses
 * `aliasTensor`; tests and bench/ use the overrides to compare with tfjs's own. The engine imports
 * tfjs directly (never ../backend, which imports it) and from the rest of lib/ only leaves: the
 * optimizer hook, the loss hook (lib/losses/kernel-hook.ts), the fit-replay switch (lib/optim/fit-replay.ts), lib/core/alea.ts and option types. Notebooks never import it.
 */
import { wasmMatMul } from "./wasm-matmul";
import { wasmFusedMatMul } from "./wasm-fused-matmul";
import { lazyFusedMatMulOp } from "./lazy-fused-matmul";
import { wasmConvInput } from "./wasm-conv-input";
import { lazyFusedConv2dOp } from "./lazy-fused-conv2d";
import { wasmMaxPoolGrad } from "./wasm-maxpool-grad";
import { wasmGather } from "./wasm-gather";
import { wasmSlice } from "./wasm-slice";
import { wasmSum } from "./wasm-sum";
import { wasmBroadcast } from "./wasm-broadcast";
import { autodiffClone } from "./autodiff-clone";
import { fitReplay } from "./replay/fit-override";
import { fastDropoutOp } from "./fast-dropout";
import { fastNormOp, defineNormKernels } from "./fast-norm";
import { fusedCrossEntropy, defineCrossEntropyKernels } from "./fused-cross-entropy";
import { leanGrads, defineMeanGrad } from "./lean-grads";
import { leanTape, backwardReplay } from "./lean-tape";
import { leanTapeNodes } from "./tape-node";
import { leanRunKernelOp } from "./lean-run-kernel";
import { leanEndScopeOp } from "./lean-end-scope";
import { activationGrads, defineActivationGrads } from "./fast-activation-grads";
import { installWasmConvFilter, useSimdConvFilter } from "./wasm-conv-filter";
import { defineFusedAdam, fusedAdamUpdate } from "./fused/adam";
import { defineFusedSgd, fusedSgdUpdate, fusedSgdUpdates } from "./fused/sgd";
import { defineFusedRmsprop, fusedRmspropUpdate } from "./fused/rmsprop";
import { defineFusedBatchNorm, undefineFusedBatchNorm } from "./fused/batch-norm";
import { registerFastUpdate, registerFastUpdates } from "../optim/update-hook";
import type { AdamOptions } from "../optim/types";

export { installWasmThreads, wasmThreads, restartWasm, defaultThreads, MAX_WASM_THREADS } from "./wasm-threads";
export type { WasmThreads } from "./wasm-threads";
export { wasmMatMul, wasmFusedMatMul, lazyFusedMatMulOp, wasmConvInput, lazyFusedConv2dOp, wasmMaxPoolGrad, wasmGather, wasmSlice, wasmSum, wasmBroadcast, autodiffClone, installWasmConvFilter, useSimdConvFilter, fitReplay, fastDropoutOp, fastNormOp, activationGrads, fusedCrossEntropy, leanGrads, leanTape, leanTapeNodes, backwardReplay, leanRunKernelOp, leanEndScopeOp };
export { aliasTensor } from "./autodiff-clone";
export type { Override } from "./kernel-override";

/**
 * Every override `installEngine` puts in place, by what it speeds up:
 * matrix products without XNNPACK's repacking of new weights (every dense layer, forward and backward), `model.fit`'s batch gathers and
 * `model.predict`'s batch slices as heap copies, bias gradients without a transpose, biases and scalars broadcast a row at a time, saved-for-backprop tensors without an
 * Identity kernel each, model.fit's steps replayed without the engine (replay/fit.ts),
 * tf.dropout's mask drawn four chains at a time as a fresh (replayable) tensor, tf.norm's and
 * the activations' gradients in one kernel each, cross-entropy's two passes in one kernel each, no kernel
 * for reshapes, copies and casts in gradients, a faster tape filter, backward passes replayed
 * once seen, and a leaner kernel launch and op return.
 */
export const OVERRIDES = [wasmMatMul, wasmFusedMatMul, lazyFusedMatMulOp, wasmConvInput, lazyFusedConv2dOp, wasmMaxPoolGrad, wasmGather, wasmSlice, wasmSum, ...wasmBroadcast, autodiffClone, fitReplay, fastDropoutOp, fastNormOp, ...activationGrads, fusedCrossEntropy, ...leanGrads, leanTape, leanTapeNodes, backwardReplay, leanRunKernelOp, leanEndScopeOp] as const;

/**
 * Installs the engine for the wasm backend: the kernel overrides, the fused optimizer kernels,
 * and the optimizers' fast updates. Idempotent; `ready()` calls it when it selects wasm.
 *
 * @returns the names of the overrides now installed (those wasm lacks are left out)
 * @example
 * installEngine();           // after tf.setBackend("wasm")
 */
export function installEngine(): string[] {
  defineFusedAdam();
  defineFusedSgd();
  defineFusedRmsprop();
  defineFusedBatchNorm();
  defineNormKernels();
  defineActivationGrads();
  defineCrossEntropyKernels();
  defineMeanGrad();
  registerFastUpdate("dlcourse.SGD", fusedSgdUpdate);
  registerFastUpdates("dlcourse.SGD", fusedSgdUpdates);
  registerFastUpdate("dlcourse.RMSprop", fusedRmspropUpdate);
  registerFastUpdate("dlcourse.Adam", fusedAdamUpdate);
  registerFastUpdate<Omit<AdamOptions, "decoupledWeightDecay">>("dlcourse.AdamW", (o, ...rest) =>
    fusedAdamUpdate({ ...o, decoupledWeightDecay: true }, ...rest));
  // Not an override: wasm has no Conv2DBackpropFilter at all, so conv layers could not train.
  installWasmConvFilter();
  return OVERRIDES.filter((o) => o.install()).map((o) => o.name);
}

/**
 * Restores tfjs's own kernels and engine, and nn.BatchNorm's composite ops (the fused optimizer
 * updates stay: `optim.useFusedUpdates(false)` turns them off).
 */
export function uninstallEngine(): void {
  for (const o of OVERRIDES) o.uninstall();
  undefineFusedBatchNorm();
}
