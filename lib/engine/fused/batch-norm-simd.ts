/**
 * nn.BatchNorm's passes over [rows, D] data, 4 columns at a time, for ./batch-norm.ts: the same
 * float32 operations in the same order as its scalar loops (per-column sums add rows from 0 in
 * order; each elementwise operation rounds once, as f32x4 lanes do), so the same bits, ~10x
 * faster. Built with ./simd.ts's row loops: the data pointers advance a row (4 D bytes) at a time,
 * the per-column vectors (sums, mean, invStd, gamma, beta, c) stay; D must be a multiple of 4.
 *
 *   bnSum(x, acc | rows, rowBytes)                        acc += x
 *   bnSqDev(x, mean, acc | rows, rowBytes)                acc += (x - mean)^2
 *   bnNorm(x, mean, inv, g, b, xhat, y | rows, rowBytes)  xhat = (x - mean) inv; y = xhat g + b
 *   bnGradSums(dy, xh, sb, sg | rows, rowBytes)           sb += dy; sg += dy xh
 *   bnGrad(dy, xh, sb, sg, c, dx | rows, rowBytes; n)     dx = c ((dy n - sb) - xh sg)
 */
import { instantiateOn, set, get, simd, type WasmMemory } from "../wasm-bytes";
import { simdModuleBytes, type SimdKernel } from "./simd";

const [ADD, SUB, MUL] = [0xe4, 0xe5, 0xe6].map(simd);

const KERNELS: SimdKernel[] = [
  { name: "bnSum", ptrs: 2, scalars: 0, rowPtrs: [0], body: ({ ld, st }) => st(1, [...ld(1), ...ld(0), ...ADD]) },
  {
    name: "bnSqDev", ptrs: 3, scalars: 0, rowPtrs: [0],
    body: ({ ld, st, t }) => [...ld(0), ...ld(1), ...SUB, ...set(t(0)), ...st(2, [...ld(2), ...get(t(0)), ...get(t(0)), ...MUL, ...ADD])],
  },
  {
    name: "bnNorm", ptrs: 7, scalars: 0, rowPtrs: [0, 5, 6],
    body: ({ ld, st, t }) => [
      ...ld(0), ...ld(1), ...SUB, ...ld(2), ...MUL, ...set(t(0)),
      ...st(5, get(t(0))), ...st(6, [...get(t(0)), ...ld(3), ...MUL, ...ld(4), ...ADD]),
    ],
  },
  {
    name: "bnGradSums", ptrs: 4, scalars: 0, rowPtrs: [0, 1],
    body: ({ ld, st }) => [...st(2, [...ld(2), ...ld(0), ...ADD]), ...st(3, [...ld(3), ...ld(0), ...ld(1), ...MUL, ...ADD])],
  },
  {
    name: "bnGrad", ptrs: 6, scalars: 1, rowPtrs: [0, 1, 5],
    body: ({ ld, st, s }) => st(5, [...ld(4), ...ld(0), ...s(0), ...MUL, ...ld(2), ...SUB, ...ld(1), ...ld(3), ...MUL, ...SUB, ...MUL]),
  },
];

/** The passes; arguments as in this file's header (byte offsets, rows, bytes per row, scalars). */
export interface BatchNormKernels {
  bnSum(...args: number[]): void;
  bnSqDev(...args: number[]): void;
  bnNorm(...args: number[]): void;
  bnGradSums(...args: number[]): void;
  bnGrad(...args: number[]): void;
}

const moduleBytes = (shared: boolean) => simdModuleBytes(KERNELS, shared);

/**
 * The passes on `memory` (tfjs-backend-wasm's heap), once per memory.
 * @param memory - the backend's memory
 * @param d - the number of columns D
 * @returns the passes, or null where D is not a multiple of 4 or wasm SIMD is missing (then the scalar loops)
 */
export function batchNormKernels(memory: WasmMemory, d: number): BatchNormKernels | null {
  return d % 4 === 0 ? instantiateOn<BatchNormKernels>(moduleBytes, memory) : null;
}
