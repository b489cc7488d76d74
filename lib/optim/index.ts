/**
 * Optimizers, learning-rate schedules and training callbacks, matching `torch.optim` step for
 * step. Every optimizer is a `tf.Optimizer` built from one options object with PyTorch's names.
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
export { optimizePath } from "./optimize_path";
export type { OptimizePathOptions, OptimizePathResult } from "./optimize_path";
