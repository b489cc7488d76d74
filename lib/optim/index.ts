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
export { useFusedUpdates } from "./fused/kernel";
export { optimizePath } from "./optimize_path";
export type { OptimizePathOptions, OptimizePathResult } from "./optimize_path";
export { stepLengths } from "./step-lengths";
export { LRScheduler } from "./schedules/scheduler";
export type { Schedulable, Schedule } from "./schedules/scheduler";
export { StepLR } from "./schedules/step_lr";
export type { StepLROptions } from "./schedules/step_lr";
export { ExponentialLR } from "./schedules/exponential_lr";
export type { ExponentialLROptions } from "./schedules/exponential_lr";
export { CyclicLR } from "./schedules/cyclic_lr";
export type { CyclicLROptions } from "./schedules/cyclic_lr";
export { OneCycleLR } from "./schedules/one_cycle_lr";
export type { OneCycleLROptions } from "./schedules/one_cycle_lr";
export { ReduceLROnPlateau } from "./schedules/reduce_lr_on_plateau";
export type { ReduceLROnPlateauOptions } from "./schedules/reduce_lr_on_plateau";
export { LRSchedulerCallback } from "./callbacks/lr_scheduler_callback";
export type { LRSchedulerCallbackOptions } from "./callbacks/lr_scheduler_callback";
export { EarlyStopping } from "./callbacks/early_stopping";
export type { EarlyStoppingOptions } from "./callbacks/early_stopping";
export { HistoryRecorder } from "./callbacks/history_recorder";
export type { HistoryColumns } from "./callbacks/history_recorder";
export { lrRangeTest } from "./lr_range_test";
export type { LRRangeTestOptions, LRRangeTestResult } from "./lr_range_test";
export { rosenbrock, narrowValley, saddle, surfaceGrid } from "./surfaces";
export type { Surface, SurfaceGridOptions } from "./surfaces";
