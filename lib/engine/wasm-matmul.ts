/**
 * A faster BatchMatMul for the wasm backend when an operand is transposed.
 *
 * tfjs-backend-wasm 4.22 sends `matMul(a, b, transposeA, transposeB)` with either flag set to a
 * plain triple loop instead of XNNPACK; those are exactly the products backprop needs
 * (dX = dY W^T, dW = X^T dY), so every dense layer's backward pass takes the slow path. Measured
 * in bench/ (2 cores, [256, 1839] x [256, 16]): X^T dY 37 ms vs 2-3 ms for the untransposed
 * product of the same size. This kernel rewrites the product so that XNNPACK does it:
 *
 *   A B^T = A (B^T)          transpose B, then the fast product
 *   A^T B = (B^T A)^T        when B and the result are smaller than A (the usual dW case),
 *         = (A^T) B          otherwise
 *   A^T B^T = (B A)^T
 *
 * The arithmetic is the same products summed in the same order per output element, so results
 * match the original kernel to float32 rounding (tests/engine/wasm-matmul.test.ts).
 *
 * Since round 2 of the speed work, single products (2-D, or leading dimensions of 1) go to
 * ./gemm/ instead, in every transpose combination: XNNPACK repacks B for every B it has not
 * seen, which in training is every product (./gemm/module.ts). The rewrites above remain for
 * batched products.
 */
// Straight from tfjs, not ../backend: backend.ts imports the engine.
import * as tf from "@tensorflow/tfjs";
import { overrideWasmKernel } from "./kernel-override";
import { gemm, type GemmBackend } from "./gemm/kernel";

type Info = tf.TensorInfo;
type KernelArgs = { inputs: { a: Info; b: Info }; backend: { disposeData(id: object): void }; attrs: { transposeA: boolean; transposeB: boolean } };
type KernelFn = (args: KernelArgs) => Info;
type TransposeFn = (args: { inputs: { x: Info }; backend: unknown; attrs: { perm: number[] } }) => Info;


const size = (s: readonly number[]) => s.reduce((p, d) => p * d, 1);

/** `x` with its last two axes swapped, by tfjs's wasm Transpose kernel (a new tensor on the heap). */
export function transposeLast(backend: unknown, x: Info): Info {
  const rank = x.shape.length;
  const perm = [...Array.from({ length: rank - 2 }, (_, i) => i), rank - 1, rank - 2];
  return (tf.getKernel("Transpose", "wasm")!.kernelFunc as unknown as TransposeFn)({ inputs: { x }, backend, attrs: { perm } });
}

function fastBatchMatMul(args: KernelArgs): Info {
  const { inputs, backend, attrs } = args;
  const { a, b } = inputs;
  const { transposeA, transposeB } = attrs;
  const product = gemm(backend as unknown as GemmBackend, { a, b, transposeA, transposeB });
  if (product != null) return product;
  const base = wasmMatMul.original();
  if (!transposeA && !transposeB) return base(args);
  const t = (x: Info) => transposeLast(backend, x);
  const mm = (x: Info, y: Info) => base({ inputs: { a: x, b: y }, backend, attrs: { transposeA: false, transposeB: false } });
  const temps: Info[] = [];
  const keep = (x: Info) => (temps.push(x), x);
  let out: Info;
  if (transposeA && transposeB) {
    out = t(keep(mm(b, a))); // A^T B^T = (B A)^T
  } else if (transposeB) {
    out = mm(a, keep(t(b)));
  } else {
    const outRows = a.shape[a.shape.length - 1];
    const outCols = b.shape[b.shape.length - 1];
    const viaResult = size(b.shape) + outRows * outCols * Math.max(size(a.shape.slice(0, -2)), size(b.shape.slice(0, -2)));
    out = viaResult < size(a.shape) ? t(keep(mm(keep(t(b)), a))) : mm(keep(t(a)), b);
  }
  for (const x of temps) backend.disposeData(x.dataId);
  return out;
}

/**
 * The replacement of the wasm backend's BatchMatMul kernel by {@link fastBatchMatMul}, off until installed.
 * `installEngine()` (./index.ts, called by `ready()` on wasm) installs it; `uninstall()` restores
 * tfjs's own, e.g. to compare in tests and bench/.
 * @example
 * wasmMatMul.uninstall();  // tfjs's own kernel
 * wasmMatMul.install();    // ours again
 */
export const wasmMatMul = overrideWasmKernel<KernelFn>("BatchMatMul", fastBatchMatMul);
