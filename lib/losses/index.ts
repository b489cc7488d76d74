// Losses as functions (yTrue, yPred, options) with PyTorch's reductions.
export type { Reduction, ReductionOptions } from "./reduction";
export { binaryCrossEntropy, binaryCrossEntropyWithLogits } from "./binaryCrossEntropy";
export type { BinaryCrossEntropyOptions, BinaryCrossEntropyWithLogitsOptions } from "./binaryCrossEntropy";
export { crossEntropy, categoricalCrossEntropy, type CrossEntropyOptions } from "./crossEntropy";
export { klDiv, type KlDivOptions } from "./klDiv";
export { mse, mae, huber, type RegressionLossOptions, type HuberOptions } from "./regression";
export { multiclassHinge, type MulticlassHingeOptions } from "./hinge";
