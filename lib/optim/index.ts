/**
 * Optimizers, learning-rate schedules and training callbacks, matching `torch.optim` step for
 * step. Every optimizer is a `tf.Optimizer` built from one options object with PyTorch's names.
 *
 * Lecture method -> class (each class's doc comment puts its rule beside the lecture's formula):
 * - GD / SGD / mini-batch SGD: `SGD` (the batch size is the caller's choice)
 * - Momentum ("heavy ball"): `SGD({ momentum })`; Nesterov momentum: `SGD({ momentum, nesterov: true })`
 *   (PyTorch's form: the same iterates as Sutskever's, tracked at the look-ahead point)
 * - AdaGrad: `Adagrad`; Adadelta: `Adadelta`; RMSProp: `RMSprop`; Adam: `Adam`
 *   (`epsInsideSqrt: true` gives the lecture's sqrt(G + eps) where PyTorch writes sqrt(G) + eps)
 * - Beyond the lecture: `AdamW` (decoupled weight decay), `Adamax`, `NAdam`
 * - Cyclical learning rates: `CyclicLR`, `OneCycleLR`, chosen with `lrRangeTest`
 * - 2-D demos: `optimizePath` on `rosenbrock`, `narrowValley`, `saddle`, gridded by `surfaceGrid`
 * - Speed: `compileStep` (loss, gradients and update recorded once, then replayed; ./compile-step.ts)
 *
 * Each optimizer file holds its update rule (formula first); ./optimizer.ts is the shared base,
 * ./update-hook.ts the one place where faster forms (lib/engine/fused on wasm) plug in,
 * ./types.ts the option types the engine reads. Imports ../backend and ../core; imported by nn
 * (one gradient step) and, for the hook and types only, by lib/engine.
 */
export { TorchOptimizer } from "./optimizer";
export type { BaseOptions, ParamState } from "./optimizer";
export { SGD } from "./sgd";
export type { SGDOptions } from "./sgd";
export { Adagrad } from "./adagrad";
export type { AdagradOptions } from "./adagrad";
export { Adadelta } from "./adadelta";
export type { AdadeltaOptions } from "./adadelta";
export { RMSprop } from "./rmsprop";
export type { RMSpropOptions } from "./rmsprop";
export { Adam } from "./adam";
export type { AdamOptions } from "./adam";
export { AdamW } from "./adamw";
export type { AdamWOptions } from "./adamw";
export { Adamax } from "./adamax";
export type { AdamaxOptions } from "./adamax";
export { NAdam } from "./nadam";
export type { NAdamOptions } from "./nadam";
export { useFusedUpdates } from "./update-hook";
export { useReplayedFit, fitReplayStats } from "./fit-replay";
export type { FitReplayStats } from "./fit-replay";
export { compileStep } from "./compile-step";
export type { CompileStepOptions, CompiledStep, CompileStats, StepResult } from "./compile-step";
export { optimizePath } from "./optimize-path";
export type { OptimizePathOptions, OptimizePathResult } from "./optimize-path";
export { stepLengths } from "./step-lengths";
export { LRScheduler } from "./schedules/scheduler";
export type { Schedulable, Schedule } from "./schedules/scheduler";
export { StepLR } from "./schedules/step-lr";
export type { StepLROptions } from "./schedules/step-lr";
export { ExponentialLR } from "./schedules/exponential-lr";
export type { ExponentialLROptions } from "./schedules/exponential-lr";
export { CyclicLR } from "./schedules/cyclic-lr";
export type { CyclicLROptions } from "./schedules/cyclic-lr";
export { OneCycleLR } from "./schedules/one-cycle-lr";
export type { OneCycleLROptions } from "./schedules/one-cycle-lr";
export { ReduceLROnPlateau } from "./schedules/reduce-lr-on-plateau";
export type { ReduceLROnPlateauOptions } from "./schedules/reduce-lr-on-plateau";
export { LRSchedulerCallback } from "./callbacks/lr-scheduler-callback";
export type { LRSchedulerCallbackOptions } from "./callbacks/lr-scheduler-callback";
export { EarlyStopping } from "./callbacks/early-stopping";
export type { EarlyStoppingOptions } from "./callbacks/early-stopping";
export { HistoryRecorder } from "./callbacks/history-recorder";
export type { HistoryColumns } from "./callbacks/history-recorder";
export { lrRangeTest } from "./lr-range-test";
export type { LRRangeTestOptions, LRRangeTestResult } from "./lr-range-test";
export { rosenbrock, narrowValley, saddle, surfaceGrid } from "./surfaces";
export type { Surface, SurfaceGridOptions } from "./surfaces";
