/**
 * `tf.fused.conv2d` (what tfjs-layers' conv2d layer calls) with a gradient that computes only the
 * derivatives backprop asks for: the convolutional twin of ./lazy-fused-matmul.ts.
 *
 * tfjs-core writes the fused convolution's gradient as a `customGrad`, which computes dX, dW and
 * the bias's derivative together. A first conv layer's input is data, so its dX (notebook 15:
 * [64, 32, 32, 3] from 8 channels, a third of the step's Conv2DBackpropInput work) is computed
 * every batch and thrown away. Here the op runs the FusedConv2D kernel directly, with a
 * registered gradient whose derivatives tfjs's tape calls only for inputs on the path to what is
 * differentiated. The derivatives are the kernels tfjs's gradient runs (Conv2DBackpropInput,
 * Conv2DBackpropFilter, a sum over N, H, W for the bias): the same bits
 * (tests/engine/lazy-fused-conv2d.test.ts). Handled: rank-4 float32 NHWC input, dilations 1,
 * linear activation (tfjs does not fuse others while recording a gradient), a rank-1 bias or
 * none; everything else goes to tfjs's own op.
 */
// Straight from tfjs, not ../backend: backend.ts imports the engine.
import * as tf from "@tensorflow/tfjs";
import { override } from "./kernel-override";

type FusedConv2D = typeof tf.fused.conv2d;
type Args = Parameters<FusedConv2D>[0];
type Attrs = { strides: number | [number, number]; pad: Args["pad"]; dimRoundingMode?: Args["dimRoundingMode"] };

const KERNEL = "FusedConv2D";
const ones = (d: number | [number, number] | undefined) => d == null || (Array.isArray(d) ? d.every((v) => v === 1) : d === 1);

function registerGradientOnce(): void {
  if (tf.getGradient(KERNEL) != null) return;
  tf.registerGradient({
    kernelName: KERNEL,
    inputsToSave: ["x", "filter"],
    gradFunc: (dy, saved, attrs) => {
      const [x, filter] = saved as tf.Tensor4D[];
      const { strides, pad } = attrs as unknown as Attrs;
      const d = dy as tf.Tensor4D;
      const run = (name: string, inputs: tf.NamedTensorMap, more: object) =>
        tf.engine().runKernel(name, inputs, { strides, pad, dataFormat: "NHWC", dimRoundingMode: undefined, ...more } as unknown as tf.NamedAttrMap) as tf.Tensor;
      return {
        x: () => run("Conv2DBackpropInput", { dy: d, filter }, { inputShape: x.shape }),
        filter: () => run("Conv2DBackpropFilter", { x, dy: d }, { filterShape: filter.shape }),
        bias: () => tf.sum(d, [0, 1, 2]),
      };
    },
  });
}

function lazyFusedConv2d(args: Args): tf.Tensor {
  const { x, filter, bias, strides, pad, dataFormat = "NHWC", dilations, dimRoundingMode, activation = "linear", preluActivationWeights } = args;
  const handled = tf.getBackend() === "wasm" && x instanceof tf.Tensor && x.rank === 4 && x.dtype === "float32" &&
    filter instanceof tf.Tensor && filter.rank === 4 && filter.shape[2] === x.shape[3] && dataFormat === "NHWC" && ones(dilations) &&
    (activation ?? "linear") === "linear" && preluActivationWeights == null &&
    (bias == null || (bias instanceof tf.Tensor && bias.rank === 1 && bias.dtype === "float32" && bias.shape[0] === filter.shape[3]));
  if (!handled) return lazyFusedConv2dOp.original()(args);
  const inputs: tf.NamedTensorMap = bias == null ? { x, filter } : { x, filter, bias: bias as tf.Tensor };
  const attrs = { strides, pad, dataFormat, dilations: dilations ?? [1, 1], dimRoundingMode, activation: "linear", leakyreluAlpha: 0.2 };
  return tf.engine().runKernel(KERNEL, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor;
}

const fused = tf.fused as unknown as { conv2d: FusedConv2D };

/**
 * The replacement of `tf.fused.conv2d` by {@link lazyFusedConv2d}, off until installed;
 * `installEngine()` installs it on wasm.
 * @example
 * lazyFusedConv2dOp.install();  // a first conv layer no longer computes dX
 */
export const lazyFusedConv2dOp = override<FusedConv2D>("tf.fused.conv2d", {
  read: () => fused.conv2d,
  write: (f) => {
    registerGradientOnce();
    fused.conv2d = f;
  },
}, lazyFusedConv2d as FusedConv2D);
