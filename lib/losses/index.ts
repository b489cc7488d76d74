// Losses as functions (yTrue, yPred, options) with PyTorch's reductions.
export type { Reduction, ReductionOptions } from "./reduction";
export { binaryCrossEntropy, binaryCrossEntropyWithLogits } from "./binary-cross-entropy";
export type { BinaryCrossEntropyOptions, BinaryCrossEntropyWithLogitsOptions } from "./binary-cross-entropy";
export { crossEntropy, categoricalCrossEntropy, type CrossEntropyOptions } from "./cross-entropy";
export { klDiv, type KlDivOptions } from "./kl-div";
export { mse, mae, huber, type RegressionLossOptions, type HuberOptions } from "./regression";
export { multiclassHinge, type MulticlassHingeOptions } from "./hinge";
