/**
 * A faster input gradient of a 2-D convolution (`Conv2DBackpropInput`) for the wasm backend.
 *
 * tfjs-backend-wasm 4.22 computes it with a scalar C loop (one dot product per input element);
 * in notebook 15's CNN it was the largest kernel of a training step (bench/NOTEBOOKS.md). With
 * stride 1 it is a forward convolution, which XNNPACK does fast:
 *   dX[n, r, c, ci] = sum over kh, kw, co of dy[n, r + top - kh, c + left - kw, co] W[kh, kw, ci, co]
 * is dy convolved with W flipped in both spatial axes and with its channel axes swapped, padded by
 * KH - 1 - top (rows) and KW - 1 - left (columns) before. Each output sums the same products in
 * the same order (rows, then columns, then channels; padding adds zeros), so the bits are tfjs's
 * (tests/engine/wasm-conv-input.test.ts). Measured (loaded machine): notebook 15's first layer's dX,
 * [64, 32, 32, 3] from 8 channels, 90 ms -> 17 ms; the second's 52 -> 15 ms. Strides above 1,
 * dilations, NCHW and tiny products go to tfjs's kernel.
 */
// Straight from tfjs, not ../backend: backend.ts imports the engine.
import * as tf from "@tensorflow/tfjs";
import { overrideWasmKernel } from "./kernel-override";

/** The kernel's attributes, as tfjs's conv2DBackpropInput op passes them. */
export interface InputGradAttrs {
  strides: number | [number, number];
  pad: "valid" | "same" | number | tf.backend_util.ExplicitPadding;
  dataFormat: "NHWC" | "NCHW";
  dimRoundingMode?: "floor" | "round" | "ceil";
  inputShape: [number, number, number, number];
}
type KernelArgs = { inputs: { dy: tf.TensorInfo; filter: tf.TensorInfo }; backend: unknown; attrs: InputGradAttrs };
type KernelFn = (args: KernelArgs) => tf.TensorInfo;

/** Below this many multiply-adds tfjs's loop is faster than the three kernels here (measured: 1k-10k inputs). */
export const SMALL = 1 << 16;

function fastConv2DBackpropInput(args: KernelArgs): tf.TensorInfo {
  const { inputs, attrs } = args;
  const dy = inputs.dy as tf.Tensor4D, filter = inputs.filter as tf.Tensor4D;
  const info = tf.backend_util.computeConv2DInfo(attrs.inputShape, filter.shape, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode, false, "channelsLast");
  const work = dy.size * info.inChannels * info.filterHeight * info.filterWidth;
  if (attrs.dataFormat !== "NHWC" || info.strideHeight !== 1 || info.strideWidth !== 1 || dy.dtype !== "float32" || work < SMALL) {
    return wasmConvInput.original()(args);
  }
  const { top, left } = info.padInfo;
  const [kh, kw] = [info.filterHeight, info.filterWidth];
  const [h, w] = [info.inHeight, info.inWidth];
  const [pt, pl] = [kh - 1 - top, kw - 1 - left];
  // Output rows: oh + pt + pb - kh + 1 = h.
  const [pb, pr] = [h - info.outHeight + kh - 1 - pt, w - info.outWidth + kw - 1 - pl];
  if (Math.min(pt, pl, pb, pr) < 0) return wasmConvInput.original()(args);
  return tf.tidy(() => {
    const flipped = tf.reverse(tf.transpose(filter, [0, 1, 3, 2]), [0, 1]) as tf.Tensor4D;
    return tf.conv2d(dy, flipped, 1, [[0, 0], [pt, pb], [pl, pr], [0, 0]], "NHWC");
  });
}

/**
 * The replacement of the wasm backend's Conv2DBackpropInput by {@link fastConv2DBackpropInput},
 * off until installed; `installEngine()` (./index.ts) installs it.
 * @example
 * wasmConvInput.uninstall();  // tfjs's scalar loop
 */
export const wasmConvInput = overrideWasmKernel<KernelFn>("Conv2DBackpropInput", fastConv2DBackpropInput);
