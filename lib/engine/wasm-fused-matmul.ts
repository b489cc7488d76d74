/**
 * A faster _FusedMatMul (`tf.fused.matMul`: product + bias + activation in one kernel) for the
 * wasm backend. tfjs-layers' dense layer runs every forward pass through it. tfjs-backend-wasm
 * 4.22 gives it to XNNPACK, which repacks the weights whenever they are a tensor it has not seen
 * (after every optimizer step), and sends transposed operands to a plain triple loop; ./gemm/
 * does neither. Linear and ReLU activations with a rank-1 bias (or none), single products
 * (2-D or leading dimensions of 1); everything else goes to tfjs's own kernel. The sums are
 * XNNPACK's, in the same order: the same bits (tests/engine/wasm-gemm.test.ts). A transposed A
 * with a bias never reaches tfjs's kernel, which gets it wrong ({@link withATransposed}).
 */
// Straight from tfjs, not ../backend: backend.ts imports the engine.
import type * as tf from "@tensorflow/tfjs";
import { overrideWasmKernel } from "./kernel-override";
import { gemm, type GemmBackend } from "./gemm/kernel";
import { transposeLast } from "./wasm-matmul";

type Info = tf.TensorInfo;
type KernelArgs = {
  inputs: { a: Info; b: Info; bias?: Info; preluActivationWeights?: Info };
  backend: GemmBackend;
  attrs: { transposeA: boolean; transposeB: boolean; activation: string; leakyreluAlpha?: number };
};
type KernelFn = (args: KernelArgs) => Info;

function fastFusedMatMul(args: KernelArgs): Info {
  const { inputs, backend, attrs } = args;
  const { a, b, bias, preluActivationWeights } = inputs;
  const { transposeA, transposeB, activation } = attrs;
  if (preluActivationWeights == null && (activation === "linear" || activation === "relu")) {
    const out = gemm(backend, { a, b, transposeA, transposeB, bias, relu: activation === "relu" });
    if (out != null) return out;
  }
  if (transposeA && bias != null) return withATransposed(args);
  // tfjs's kernel reads 3-D shapes (its op reshapes); ./lazy-fused-matmul.ts passes 2-D ones.
  const as3D = (t: Info): Info => (t.shape.length === 2 ? { ...t, shape: [1, ...t.shape] } : t);
  if (a.shape.length === 2 && b.shape.length === 2) {
    const out = wasmFusedMatMul.original()({ ...args, inputs: { ...inputs, a: as3D(a), b: as3D(b) } });
    return { ...out, shape: out.shape.slice(1) };
  }
  return wasmFusedMatMul.original()(args);
}

/**
 * tfjs-backend-wasm 4.22's kernel gets a transposed A with a bias wrong once its B has been in an
 * earlier product (off by up to ~3 in a small check, bench/README "Round 9"; tested in
 * tests/engine/wasm-gemm.test.ts): it gets A^T as a tensor instead.
 */
function withATransposed(args: KernelArgs): Info {
  const { inputs: { a }, backend } = args;
  const aT = transposeLast(backend, a);
  const out = fastFusedMatMul({ ...args, inputs: { ...args.inputs, a: aT }, attrs: { ...args.attrs, transposeA: false } });
  backend.disposeData(aT.dataId);
  return out;
}

/**
 * The replacement of the wasm backend's _FusedMatMul kernel by {@link fastFusedMatMul}, off until
 * installed; `installEngine()` (./index.ts) installs it, `uninstall()` restores tfjs's own.
 * @example
 * wasmFusedMatMul.uninstall();  // tfjs's own kernel (XNNPACK)
 */
export const wasmFusedMatMul = overrideWasmKernel<KernelFn>("_FusedMatMul", fastFusedMatMul);
