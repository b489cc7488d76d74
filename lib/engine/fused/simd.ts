/**
 * A tiny WebAssembly SIMD module for the fused optimizer updates, built in memory (no toolchain,
 * no file) and instantiated on tfjs-backend-wasm's own memory, so it reads the tensors where
 * they lie and writes into freshly allocated outputs.
 *
 * Why not the JS loop alone: a JS loop is one pass but scalar, ~2x slower per element than the
 * 13 SIMD passes of the composite Adam on tensors above a few thousand elements (measured in
 * bench/, 784x256: 6 ms vs 4 ms), so it only wins where dispatch dominates. This module does
 * the same rule 4 floats at a time in one pass. Each exported function loops over byte offsets
 * [0, bytes) with `bytes` a multiple of 16; the caller finishes the last < 4 elements in JS.
 *
 *   adam(w, g, m, v, w1, m1, v1, bytes; gs, l2, c1, b2, c2, shrink, sqrtBc2, eps, step)
 *     g' = gs g + l2 w; m1 = m + (g' - m) c1; v1 = b2 v + c2 g'^2
 *     w1 = shrink w - step m1 / (sqrt(v1) / sqrtBc2 + eps)
 *   sgd(w, g, b, w1, b1, bytes; gs, wd, mom, damp1, nz, bz, lr)
 *     d = gs g + wd w; b1 = mom b + damp1 d; w1 = w - lr (nz d + bz b1)
 *
 * The builder ({@link simdModuleBytes}) also serves ./batch-norm-simd.ts, whose kernels loop over
 * rows too (`rowPtrs`): per-column vectors stay put while the data pointers advance a row.
 */
import { F32, I32, V128, get, instantiateOn, loop, memoryImport, section, set, simd, str, uleb, vec, type Code, type WasmMemory } from "../wasm-bytes";

const [SPLAT, SQRT, ADD, SUB, MUL, DIV] = [0x13, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7].map(simd);

/**
 * A kernel: `ptrs` i32 byte offsets, then the byte count, then `scalars` f32 splatted once. With
 * `rowPtrs`, a `rows` count comes before the byte count and the loop runs once per row: the
 * pointers listed advance by the byte count after each row, the others (per-column vectors) stay.
 */
export interface SimdKernel {
  name: string;
  ptrs: number;
  scalars: number;
  rowPtrs?: number[];
  /** With `rowPtrs`: a `stride` (bytes) follows the byte count and the row pointers advance by it
   * instead (rows wider than the vector part, the rest done by the caller). */
  strided?: boolean;
  /** Body of one 16-byte step, given loaders/storers for the pointer params and v128 scalar locals. */
  body: (k: { ld: (p: number) => Code; st: (p: number, value: Code) => Code; s: (j: number) => Code; t: (j: number) => number }) => Code;
}

function kernelCode({ ptrs, scalars, rowPtrs, strided, body }: SimdKernel): Code {
  const rowwise = rowPtrs != null;
  // params: ptrs..., [rows], bytes, [stride], scalars...
  const rows = ptrs, bytes = ptrs + (rowwise ? 1 : 0), stride = strided ? bytes + 1 : bytes, first = stride + 1;
  const i = first + scalars; // locals: i and r (i32), then scalar vectors, then temporaries
  const r = i + 1;
  const vs = (j: number) => r + 1 + j;
  const t = (j: number) => r + 1 + scalars + j;
  const at = (p: number): Code => [...get(p), ...get(i), 0x6a]; // i32.add
  const k = {
    ld: (p: number) => [...at(p), ...simd(0x00), 2, 0],
    st: (p: number, value: Code) => [...at(p), ...value, ...simd(0x0b), 2, 0],
    s: (j: number) => get(vs(j)),
    t,
  };
  const splats = Array.from({ length: scalars }, (_, j) => [...get(first + j), ...SPLAT, ...set(vs(j))]).flat();
  const step = (local: number, by: Code): Code => [...get(local), ...by, 0x6a, ...set(local)]; // local += by
  const row = [0x41, 0, ...set(i), ...loop([...get(i), ...get(bytes), 0x4f], [...body(k), ...step(i, [0x41, 16])])];
  const rowLoop = rowwise
    ? [0x41, 0, ...set(r), ...loop([...get(r), ...get(rows), 0x4f], [...row, ...rowPtrs.flatMap((p) => step(p, get(stride))), ...step(r, [0x41, 1])])]
    : row;
  const locals = [2, 2, I32, scalars + 8, V128];
  const fn = [...locals, ...splats, ...rowLoop, 0x0b];
  return [...uleb(fn.length), ...fn];
}

const KERNELS: SimdKernel[] = [
  {
    name: "adam", ptrs: 7, scalars: 9, // w g m v w1 m1 v1 | gs l2 c1 b2 c2 shrink sqrtBc2 eps step
    body: ({ ld, st, s, t }) => {
      const [g, m, v] = [t(0), t(1), t(2)];
      return [
        ...ld(1), ...s(0), ...MUL, ...ld(0), ...s(1), ...MUL, ...ADD, ...set(g),
        ...ld(2), ...set(m), ...get(m), ...get(g), ...get(m), ...SUB, ...s(2), ...MUL, ...ADD, ...set(m),
        ...ld(3), ...s(3), ...MUL, ...get(g), ...get(g), ...MUL, ...s(4), ...MUL, ...ADD, ...set(v),
        ...st(5, get(m)), ...st(6, get(v)),
        ...st(4, [...ld(0), ...s(5), ...MUL, ...get(m), ...get(v), ...SQRT, ...s(6), ...DIV, ...s(7), ...ADD, ...DIV, ...s(8), ...MUL, ...SUB]),
      ];
    },
  },
  {
    name: "sgd", ptrs: 5, scalars: 7, // w g b w1 b1 | gs wd mom damp1 nz bz lr
    body: ({ ld, st, s, t }) => {
      const [d, b] = [t(0), t(1)];
      return [
        ...ld(1), ...s(0), ...MUL, ...ld(0), ...s(1), ...MUL, ...ADD, ...set(d),
        ...ld(2), ...s(2), ...MUL, ...get(d), ...s(3), ...MUL, ...ADD, ...set(b),
        ...st(4, get(b)),
        ...st(3, [...ld(0), ...get(d), ...s(4), ...MUL, ...get(b), ...s(5), ...MUL, ...ADD, ...s(6), ...MUL, ...SUB]),
      ];
    },
  },
];

/**
 * The bytes of a module exporting `kernels` (by name) on an imported memory `env.memory`.
 * @param shared - true for the threaded build's shared memory
 */
export function simdModuleBytes(kernels: SimdKernel[], shared: boolean): Uint8Array {
  const types = kernels.map((k) => [0x60, ...vec([...Array(k.ptrs + (k.rowPtrs ? 2 : 1) + (k.strided ? 1 : 0)).fill([I32]), ...Array(k.scalars).fill([F32])]), 0]);
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec(types)),
    ...section(2, vec([memoryImport(shared)])),
    ...section(3, vec(kernels.map((_, j) => [j]))),
    ...section(7, vec(kernels.map((k, j) => [...str(k.name), 0x00, j]))),
    ...section(10, vec(kernels.map(kernelCode))),
  ]);
}

const moduleBytes = (shared: boolean) => simdModuleBytes(KERNELS, shared);

/** The exported kernels; arguments as in this file's header (byte offsets, byte count, scalars). */
export interface SimdKernels {
  adam(...args: number[]): void;
  sgd(...args: number[]): void;
}

/**
 * The SIMD kernels on `memory` (tfjs-backend-wasm's heap), instantiated once per memory; null if
 * this engine has no wasm SIMD (then the callers use their JS loop).
 */
export function simdKernels(memory: WasmMemory): SimdKernels | null {
  return instantiateOn<SimdKernels>(moduleBytes, memory);
}
