/**
 * tfjs-layers classes of the course: layers for `tf.sequential` / `model.fit` (autodiff does their
 * backward pass) and weight penalties usable as kernel/bias regularizers. Exported twice: as
 * `nn.layers.BatchNorm` (the explicit name) and, for the notebooks written before, `nn.BatchNorm`.
 *
 * They are not layers of the from-scratch `nn.Sequential` (../net/), which runs hand-written
 * backward passes: for that net use `nn.batchNormLayer`, `nn.dropoutLayer`.
 * May import ../../backend, ../../core and ../ (the forward functions); nothing imports this but ../index.ts.
 */
export { BatchNorm, type BatchNormLayerOptions } from "./batch-norm";
export { Dropout, type DropoutLayerOptions } from "./dropout";
export { l1, l2, l1l2, elasticNet, Penalty, type L1L2Options } from "./regularizers";
