/**
 * A faster MaxPoolGrad for the wasm backend when the pooling windows do not overlap (stride =
 * window, no padding before: `tf.layers.maxPooling2d({ poolSize: 2 })`, notebook 15's CNN).
 *
 * tfjs-backend-wasm 4.22 finds each window's maximum position, then for every input element walks
 * the windows that could contain it, in scalar C (~25 ms of a loaded CIFAR batch, 3 layers). With
 * disjoint windows one pass suffices: each input element gets its window's dy if it is the
 * window's maximum position, else zero. The rule for the position is tfjs's: scan the window's
 * rows, then columns, keep the LAST element >= the best so far, starting from the smallest
 * positive float32 at position 0 (so a window of values below it passes its gradient to flat
 * offset 0 if that lies in the window, else nowhere, as tfjs does). Each value is `0 + dy * mask`
 * as tfjs sums it: the same bits (tests/engine/wasm-maxpool-grad.test.ts). Channel counts divisible
 * by 4 (a CNN's) run in wasm SIMD (./maxpool-grad-simd.ts), others in a JS loop. Measured, kernel
 * alone, [64, 32, 32, 8] (notebook 15's first pool): tfjs 28-83 ms on a loaded machine, the JS loop
 * 7.4 ms (its branches mispredict), SIMD 0.48 ms.
 */
// Straight from tfjs, not ../backend: backend.ts imports the engine.
import * as tf from "@tensorflow/tfjs";
import { overrideWasmKernel } from "./kernel-override";
import type { WasmBackend } from "./wasm-heap";
import { backendMemory, instantiateOn, type WasmModuleMemory } from "./wasm-bytes";
import { maxPoolGradModuleBytes } from "./maxpool-grad-simd";

type Info = tf.TensorInfo;
/** The kernel's attributes, as tfjs's maxPool gradient passes them. */
export interface PoolAttrs {
  filterSize: number | [number, number];
  strides: number | [number, number];
  pad: "valid" | "same" | number;
  dimRoundingMode?: "floor" | "round" | "ceil";
}
type KernelArgs = { inputs: { dy: Info; input: Info; output: Info }; backend: WasmBackend; attrs: PoolAttrs };
type KernelFn = (args: KernelArgs) => Info;
type PoolInfo = ReturnType<typeof tf.backend_util.computePool2DInfo>;
type Windows = (x0: number, px: number, pg: number, delta: number, count: number, rows: number, cols: number, cb: number, rowStep: number) => void;

/** ./maxpool-grad-simd.ts on the backend's memory; null where wasm SIMD is missing. */
function simdWindows(backend: WasmBackend): Windows | null {
  const memory = backendMemory((backend as unknown as { wasm: WasmModuleMemory }).wasm);
  return instantiateOn<{ windows: Windows }>(maxPoolGradModuleBytes, memory)?.windows ?? null;
}

/** The smallest positive normal float32, tfjs's starting "maximum" (std::numeric_limits<float>::min()). */
const FLT_MIN = 1.1754943508222875e-38;

/** The rule in JS, one channel at a time (any channel count). */
function jsPass(x: Float32Array, g: Float32Array, dx: Float32Array, info: PoolInfo): void {
  const [fh, fw] = [info.effectiveFilterHeight, info.effectiveFilterWidth];
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: c, outHeight: oh, outWidth: ow } = info;
  // Channels innermost (contiguous); per channel the scan order is still rows, then columns.
  const rowStep = w * c;
  for (let b = 0; b < n; b++) {
    for (let r = 0; r < oh; r++) {
      const rows = Math.min(h, r * fh + fh) - r * fh;
      for (let q = 0; q < ow; q++) {
        const cols = Math.min(w, q * fw + fw) - q * fw;
        const corner = ((b * h + r * fh) * w + q * fw) * c;
        const gAt = ((b * oh + r) * ow + q) * c;
        for (let ch = 0; ch < c; ch++) {
          let best = FLT_MIN, pos = 0;
          for (let i = 0, row = corner + ch; i < rows; i++, row += rowStep) {
            for (let j = 0, at = row; j < cols; j++, at += c) {
              const v = x[at];
              if (v >= best) (best = v), (pos = at);
            }
          }
          const gv = g[gAt + ch];
          for (let i = 0, row = corner + ch; i < rows; i++, row += rowStep) {
            for (let j = 0, at = row; j < cols; j++, at += c) dx[at] = 0 + gv * (at === pos ? 1 : 0);
          }
        }
      }
    }
  }
}

/** The rule in wasm SIMD, four channels at a time (C divisible by 4): one call per row of windows. */
function simdPass(windows: Windows, backend: WasmBackend, [input, dy, out]: Info[], info: PoolInfo): void {
  const [fh, fw] = [info.effectiveFilterHeight, info.effectiveFilterWidth];
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: c, outHeight: oh, outWidth: ow } = info;
  const [px, pg, pdx] = [input, dy, out].map((t) => backend.getMemoryOffset(t.dataId));
  const [cb, rowStep] = [4 * c, 4 * w * c];
  const full = Math.min(ow, Math.floor(w / fw)); // windows of fw columns; the rest is cut by the edge
  for (let b = 0; b < n; b++) {
    for (let r = 0; r < oh; r++) {
      const rows = Math.min(h, r * fh + fh) - r * fh;
      const corner = px + ((b * h + r * fh) * w) * cb, gRow = pg + (b * oh + r) * ow * cb;
      if (full > 0) windows(px, corner, gRow, pdx - px, full, rows, fw, cb, rowStep);
      for (let q = full; q < ow; q++) windows(px, corner + q * fw * cb, gRow + q * cb, pdx - px, 1, rows, Math.min(w, q * fw + fw) - q * fw, cb, rowStep);
    }
  }
}

function fastMaxPoolGrad(args: KernelArgs): Info {
  const { inputs, backend, attrs } = args;
  const { dy, input } = inputs;
  const info = tf.backend_util.computePool2DInfo(input.shape as [number, number, number, number], attrs.filterSize, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode);
  const [fh, fw] = [info.effectiveFilterHeight, info.effectiveFilterWidth];
  const disjoint = info.strideHeight === fh && info.strideWidth === fw && info.padInfo.top === 0 && info.padInfo.left === 0;
  if (!disjoint || input.dtype !== "float32" || dy.dtype !== "float32") return wasmMaxPoolGrad.original()(args);
  const out = backend.makeOutput(input.shape.slice(), "float32");
  // Views only after the allocation (it may grow the heap).
  const [x, g, dx] = [input, dy, out].map((t) => backend.typedArrayFromHeap(t) as Float32Array);
  dx.fill(0);
  const windows = info.inChannels % 4 === 0 ? simdWindows(backend) : null;
  if (windows != null) simdPass(windows, backend, [input, dy, out], info);
  else jsPass(x, g, dx, info);
  return out;
}

/**
 * The replacement of the wasm backend's MaxPoolGrad by {@link fastMaxPoolGrad}, off until installed;
 * `installEngine()` (./index.ts) installs it.
 * @example
 * wasmMaxPoolGrad.uninstall();  // tfjs's own kernel
 */
export const wasmMaxPoolGrad = overrideWasmKernel<KernelFn>("MaxPoolGrad", fastMaxPoolGrad);
