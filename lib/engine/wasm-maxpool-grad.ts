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
 * as tfjs sums it: the same bits (tests/engine/wasm-maxpool-grad.test.ts). Measured (kernel alone,
 * [64, 32, 32, 8], 4 alternating pairs at load 12): 28-83 ms tfjs, 16-38 ms this.
 */
// Straight from tfjs, not ../backend: backend.ts imports the engine.
import * as tf from "@tensorflow/tfjs";
import { overrideWasmKernel } from "./kernel-override";
import type { WasmBackend } from "./wasm-heap";

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

/** The smallest positive normal float32, tfjs's starting "maximum" (std::numeric_limits<float>::min()). */
const FLT_MIN = 1.1754943508222875e-38;

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
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: c, outHeight: oh, outWidth: ow } = info;
  // Channels innermost (contiguous); per channel the scan order is still rows, then columns.
  const best = new Float32Array(c), pos = new Int32Array(c);
  for (let b = 0; b < n; b++) {
    for (let r = 0; r < oh; r++) {
      const r1 = Math.min(h, r * fh + fh);
      for (let q = 0; q < ow; q++) {
        const q1 = Math.min(w, q * fw + fw);
        best.fill(FLT_MIN);
        pos.fill(0);
        for (let i = r * fh; i < r1; i++) {
          for (let j = q * fw, at = ((b * h + i) * w + j) * c; j < q1; j++) {
            for (let ch = 0; ch < c; ch++, at++) if (x[at] >= best[ch]) (best[ch] = x[at]), (pos[ch] = at);
          }
        }
        const gAt = ((b * oh + r) * ow + q) * c;
        for (let i = r * fh; i < r1; i++) {
          for (let j = q * fw, at = ((b * h + i) * w + j) * c; j < q1; j++) {
            for (let ch = 0; ch < c; ch++, at++) dx[at] = 0 + g[gAt + ch] * (at === pos[ch] ? 1 : 0);
          }
        }
      }
    }
  }
  return out;
}

/**
 * The replacement of the wasm backend's MaxPoolGrad by {@link fastMaxPoolGrad}, off until installed;
 * `installEngine()` (./index.ts) installs it.
 * @example
 * wasmMaxPoolGrad.uninstall();  // tfjs's own kernel
 */
export const wasmMaxPoolGrad = overrideWasmKernel<KernelFn>("MaxPoolGrad", fastMaxPoolGrad);
