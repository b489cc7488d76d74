/**
 * nn: neural-network layers written out by hand, in three families, each in its own place.
 *
 * 1. CS231n-style forward/backward pairs (this folder): `xxxForward(x, ...params, options)`
 *    returns `{ out, cache }` ({@link ForwardResult}), `xxxBackward(dout, cache)` returns
 *    `{ dx, ...grads }` ({@link BackwardResult}); the contract is ./layer.ts. Dense, batch norm,
 *    dropout, activations, the score losses (softmax, SVM), and the checking tools (numeric
 *    gradients, `checkLayer`, `activationStats`, loss-landscape directions).
 * 2. The from-scratch container (./net/): `Sequential` of `NetLayer`s (`denseLayer`,
 *    `batchNormLayer`, ...) with manual backprop, and `twoLayerNet`. Unlike PyTorch's
 *    `nn.Sequential`, it takes these NetLayers, not layer classes: `nn.Sequential([new
 *    nn.BatchNorm()])` is a type error (and a runtime error naming the fix), use
 *    `nn.Sequential([nn.denseLayer(w, b), nn.batchNormLayer(d)])`. `lossAndGrads` asks the first
 *    layer for no dx (`backward(dout, cache, { inputGrad: false })`; a dense layer then computes
 *    only `denseParamGrads`), as PyTorch does not differentiate with respect to the data.
 * 3. tfjs-layers classes (./tfjs-layers/, also as the namespace `nn.layers`): `BatchNorm`,
 *    `Dropout` for `tf.sequential` and `model.fit`, and the penalties `l1`, `l2`, `Penalty`.
 *
 * Who imports what: family 1 imports ../backend, ../core, ../engine (kernel-free cache handles)
 * and ../losses/kernel-hook.ts (softmaxLoss's one-kernel form on wasm); ./net imports family 1,
 * ../init and ../optim (one gradient step); ./tfjs-layers imports family 1. Nothing else in lib/
 * imports nn.
 */
// 1. forward/backward pairs and checking tools
export { disposeCache, type ForwardResult, type BackwardResult } from "./layer";
export type { TensorLike } from "../core/types";
export { denseForward, denseBackward, denseParamGrads, type DenseCache } from "./dense";
export { dropoutForward, dropoutBackward, type DropoutOptions, type DropoutCache } from "./dropout";
export { batchNormForward, batchNormBackward, createBatchNormState } from "./batch-norm";
export type { BatchNormState, BatchNormOptions, BatchNormCache, BatchNormResult } from "./batch-norm";
export { sigmoid, tanh, relu, leakyRelu, elu, activationForward, activationBackward } from "./activations";
export type { Activation, ActivationCache } from "./activations";
export { softmaxLoss, svmLoss, type LossAndGrad } from "./score-losses";
export { activationStats, type ActivationStatsOptions, type LayerActivationStats } from "./activation-stats";
export { numericGradient, numericGradientArray, relError, type NumericGradientOptions } from "./gradcheck";
export { checkLayer, type CheckLayerOptions, type LayerGradCheck } from "./layer-check";
export { filterNormalizedDirection, offsetParams, paramsDifference, type ParamMap, type FilterNormalizedDirectionOptions, type OffsetStep } from "./loss-landscape";
// 2. the from-scratch container
export { denseLayer, activationLayer, dropoutLayer, batchNormLayer, type NetLayer, type NetContext, type BackwardContext } from "./net/net-layers";
export { Sequential, type SequentialForwardOptions, type LossAndGradsOptions } from "./net/sequential";
export { twoLayerNet, type TwoLayerNetOptions } from "./net/two-layer-net";
// 3. tfjs-layers classes, as nn.layers.X and (older name) nn.X
export * as layers from "./tfjs-layers";
export { l1, l2, l1l2, elasticNet, Penalty, type L1L2Options } from "./tfjs-layers";
export { BatchNorm, type BatchNormLayerOptions } from "./tfjs-layers";
export { Dropout, type DropoutLayerOptions } from "./tfjs-layers";
