/**
 * The filter gradient of a 2-D convolution (`Conv2DBackpropFilter`) for the wasm backend, which
 * tfjs-backend-wasm 4.22 does not have: without it `model.fit` of any conv2d layer fails on wasm.
 * It is computed as one forward convolution (XNNPACK's fast path): with the batch as channels,
 * dW[kh, kw, ci, co] = sum over n, oh, ow of x[n, oh*s + kh, ow*s + kw, ci] * dy[n, oh, ow, co]
 * is a convolution of x^T [Cin, H, W, N] with dy^T [OH, OW, N, Cout] at dilation s.
 */
// Straight from tfjs, not ../backend: backend.ts imports the engine.
import * as tf from "@tensorflow/tfjs";

interface FilterGradAttrs {
  strides: number | [number, number];
  pad: "valid" | "same" | number | [[number, number], [number, number], [number, number], [number, number]];
  dataFormat: "NHWC" | "NCHW";
  dimRoundingMode?: "floor" | "round" | "ceil";
  filterShape: [number, number, number, number];
}

/** The kernel: inputs x [N, H, W, Cin] and dy [N, OH, OW, Cout], output dW [KH, KW, Cin, Cout]. */
function conv2dBackpropFilter(args: { inputs: tf.NamedTensorInfoMap; attrs?: tf.NamedAttrMap }): tf.TensorInfo {
  const attrs = args.attrs as unknown as FilterGradAttrs;
  const x = args.inputs.x as tf.Tensor4D;
  const dy = args.inputs.dy as tf.Tensor4D;
  if (attrs.dataFormat !== "NHWC") throw new Error(`Conv2DBackpropFilter (wasm): expected dataFormat NHWC, got ${attrs.dataFormat}`);
  const info = tf.backend_util.computeConv2DInfo(x.shape, attrs.filterShape, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode, false, "channelsLast");
  const { top, bottom, left, right } = info.padInfo;
  const [kh, kw] = attrs.filterShape;
  return tf.tidy(() => {
    const padded = top || bottom || left || right ? tf.pad(x, [[0, 0], [top, bottom], [left, right], [0, 0]]) : x;
    const xt = tf.transpose(padded, [3, 1, 2, 0]);
    const dyt = tf.transpose(dy, [1, 2, 0, 3]);
    const full = tf.conv2d(xt, dyt, 1, "valid", "NHWC", [info.strideHeight, info.strideWidth]);
    const cut = full.shape[1] === kh && full.shape[2] === kw ? full : tf.slice(full, [0, 0, 0, 0], [-1, kh, kw, -1]);
    return tf.transpose(cut, [1, 2, 0, 3]);
  });
}

/**
 * Registers the wasm `Conv2DBackpropFilter` kernel if the wasm backend lacks one; idempotent.
 *
 * @returns true if the kernel is now registered (by this call or before)
 * @example
 * installWasmConvFilter(); // then conv2d layers train on wasm
 */
export function installWasmConvFilter(): boolean {
  if (tf.getKernel("Conv2DBackpropFilter", "wasm") != null) return true;
  if (tf.findBackendFactory("wasm") == null) return false;
  tf.registerKernel({ kernelName: "Conv2DBackpropFilter", backendName: "wasm", kernelFunc: conv2dBackpropFilter as unknown as tf.KernelFunc });
  return true;
}
