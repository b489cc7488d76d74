// From-scratch layers (forward -> { out, cache }, backward(dout, cache) -> { dx, ...grads }),
// activations, gradient checking, a manual-backprop net, regularizers, tfjs-layers classes.
export { disposeCache, type ForwardResult, type BackwardResult } from "./layer";
export type { TensorLike } from "./check";
export { denseForward, denseBackward, type DenseCache } from "./dense";
export { dropoutForward, dropoutBackward, type DropoutOptions, type DropoutCache } from "./dropout";
export { batchNormForward, batchNormBackward, createBatchNormState } from "./batchnorm";
export type { BatchNormState, BatchNormOptions, BatchNormCache } from "./batchnorm";
export { sigmoid, tanh, relu, leakyRelu, elu, activationForward, activationBackward } from "./activations";
export type { Activation, ActivationCache } from "./activations";
export { activationStats, type ActivationStatsOptions, type LayerActivationStats } from "./activationStats";
export { softmaxLoss, svmLoss, type LossAndGrad } from "./scoreLosses";
export { numericGradient, numericGradientArray, relError, type NumericGradientOptions } from "./gradcheck";
export { checkLayer, type CheckLayerOptions, type LayerGradCheck } from "./layerCheck";
export { denseLayer, activationLayer, dropoutLayer, batchNormLayer, type NetLayer, type NetContext } from "./netLayers";
export { Sequential, type SequentialForwardOptions, type LossAndGradsOptions } from "./sequential";
export { twoLayerNet, type TwoLayerNetOptions } from "./twoLayerNet";
export { l1, l2, l1l2, elasticNet, Penalty, type L1L2Options } from "./regularizers";
export { BatchNorm, type BatchNormLayerOptions } from "./layers/BatchNorm";
export { Dropout, type DropoutLayerOptions } from "./layers/Dropout";
export { filterNormalizedDirection, offsetParams, paramsDifference, type ParamMap, type FilterNormalizedDirectionOptions, type OffsetStep } from "./loss-landscape";
