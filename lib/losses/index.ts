/**
 * losses: loss functions `(yTrue, yPred, options)` with PyTorch's reductions and numbers (the
 * score losses with hand-written gradients for the from-scratch nets are nn's `softmaxLoss`, `svmLoss`).
 *
 * Imports ../backend and ../core only; no other lib folder imports it.
 */
export type { Reduction, ReductionOptions } from "./reduction";
export { binaryCrossEntropy, binaryCrossEntropyWithLogits } from "./binary-cross-entropy";
export type { BinaryCrossEntropyOptions, BinaryCrossEntropyWithLogitsOptions } from "./binary-cross-entropy";
export { crossEntropy, categoricalCrossEntropy, type CrossEntropyOptions } from "./cross-entropy";
export { klDiv, type KlDivOptions } from "./kl-div";
export { mse, mae, huber, type RegressionLossOptions, type HuberOptions } from "./regression";
export { multiclassHinge, type MulticlassHingeOptions } from "./hinge";
