/**
 * The filter gradient of a 2-D convolution (`Conv2DBackpropFilter`) for the wasm backend, which
 * tfjs-backend-wasm 4.22 does not have: without it `model.fit` of any conv2d layer fails on wasm.
 * It is computed as one forward convolution (XNNPACK's fast path): with the batch as channels,
 * dW[kh, kw, ci, co] = sum over n, oh, ow of x[n, oh*s + kh, ow*s + kw, ci] * dy[n, oh, ow, co]
 * is a convolution of x^T [Cin, H, W, N] with dy^T [OH, OW, N, Cout] at dilation s. Where Cout is
 * divisible by 4 (a CNN's), the same sums run in wasm SIMD instead (./conv-filter-simd.ts: the same
 * bits, without the pad, the transposes and XNNPACK's indirection over a large "kernel").
 */
// Straight from tfjs, not ../backend: backend.ts imports the engine.
import * as tf from "@tensorflow/tfjs";
import { backendMemory, instantiateOn, type WasmModuleMemory } from "./wasm-bytes";
import { convFilterModuleBytes } from "./conv-filter-simd";

interface FilterGradAttrs {
  strides: number | [number, number];
  pad: "valid" | "same" | number | [[number, number], [number, number], [number, number], [number, number]];
  dataFormat: "NHWC" | "NCHW";
  dimRoundingMode?: "floor" | "round" | "ceil";
  filterShape: [number, number, number, number];
}

/** The part of tfjs-backend-wasm's BackendWasm the SIMD path uses. */
interface FilterBackend {
  wasm: WasmModuleMemory;
  makeOutput(shape: number[], dtype: "float32"): tf.TensorInfo;
  getMemoryOffset(dataId: object): number;
}
type Block = (...args: number[]) => void;
type ConvInfo = ReturnType<typeof tf.backend_util.computeConv2DInfo>;

let simdOn = true;

/**
 * Turns the SIMD path of the kernel on (the default) or off, so tests and bench/ can compare it with
 * the composite (XNNPACK) path it must equal bit for bit.
 * @param on - whether Cout divisible by 4 takes the SIMD path
 */
export function useSimdConvFilter(on: boolean): void {
  simdOn = on;
}

/**
 * dW by ./conv-filter-simd.ts, one call per (kh, kw), block of 4 input and 8 output channels;
 * null where Cout is not divisible by 4, an operand is not float32 or wasm SIMD is missing.
 */
function simdFilterGrad(backend: FilterBackend, x: tf.TensorInfo, dy: tf.TensorInfo, info: ConvInfo): tf.TensorInfo | null {
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: cin, outHeight: oh, outWidth: ow, outChannels: cout } = info;
  if (!simdOn || cout % 4 !== 0 || x.dtype !== "float32" || dy.dtype !== "float32") return null;
  const fns = instantiateOn<Record<string, Block>>(convFilterModuleBytes, backendMemory(backend.wasm));
  if (fns == null) return null;
  const [kh, kw] = [info.filterHeight, info.filterWidth];
  const out = backend.makeOutput([kh, kw, cin, cout], "float32");
  const [px, pdy, pw] = [x, dy, out].map((t) => backend.getMemoryOffset(t.dataId));
  const cb = 4 * cout;
  const geometry = [h, w, oh, ow, n, info.strideHeight, info.strideWidth, 4 * h * w * cin, 4 * w * cin, 4 * cin, 4 * oh * ow * cout, cb];
  for (let i = 0; i < kh; i++) {
    for (let j = 0; j < kw; j++) {
      for (let ci = 0; ci < cin; ci += 4) {
        for (let co = 0; co < cout; co += 8) {
          const block = fns[`b${Math.min(4, cin - ci)}${Math.min(2, (cout - co) / 4)}`];
          block(px + 4 * ci, pdy + 4 * co, pw + ((i * kw + j) * cin + ci) * cb + 4 * co, i - info.padInfo.top, j - info.padInfo.left, ...geometry);
        }
      }
    }
  }
  return out;
}

/** The kernel: inputs x [N, H, W, Cin] and dy [N, OH, OW, Cout], output dW [KH, KW, Cin, Cout]. */
function conv2dBackpropFilter(args: { inputs: tf.NamedTensorInfoMap; attrs?: tf.NamedAttrMap; backend?: unknown }): tf.TensorInfo {
  const attrs = args.attrs as unknown as FilterGradAttrs;
  const x = args.inputs.x as tf.Tensor4D;
  const dy = args.inputs.dy as tf.Tensor4D;
  if (attrs.dataFormat !== "NHWC") throw new Error(`Conv2DBackpropFilter (wasm): expected dataFormat NHWC, got ${attrs.dataFormat}`);
  const info = tf.backend_util.computeConv2DInfo(x.shape, attrs.filterShape, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode, false, "channelsLast");
  const fast = simdFilterGrad(args.backend as FilterBackend, x, dy, info);
  if (fast != null) return fast;
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
