/**
 * A small WebAssembly SIMD matrix product, built in memory (no toolchain, no file) and
 * instantiated on tfjs-backend-wasm's own memory, for ./kernel.ts.
 *
 * Why not XNNPACK, which tfjs-backend-wasm uses: it packs (copies and rearranges) the right
 * operand B into a new buffer whenever B is a tensor it has not seen, and in training every B is
 * new (the weights after each optimizer step, or a gradient). Measured in bench/ for
 * [64, 784] x [784, 256] (MNIST's first layer): 0.8 ms with a cached B, 2.3 ms with a fresh one.
 * This product reads A and B where they lie, with any strides for A (so A^T costs nothing).
 *
 * Arithmetic: every output is `bias + a_0 b_0 + a_1 b_1 + ...` summed in k order, one rounding per
 * multiply and per add (wasm has no fused multiply-add), which is how XNNPACK's wasm SIMD "splat"
 * kernels sum too: the results are the same bits (tests/engine/wasm-gemm.test.ts).
 *
 *   panel4(pa, sai, sak, pb, sbk, pc, ldc, pbias, hasBias, relu, K, N)   rows i..i+3 of C
 *   panel1(...)                                                            one row of C
 *     C[r, j] = (hasBias ? bias[j] : 0) + sum_k A(r, k) B(k, j), then max(0, .) if relu;
 *     A(r, k) at pa + r sai + k sak, B(k, j) at pb + k sbk + 4 j, C[r, j] at pc + r ldc + 4 j (bytes).
 *     Columns in tiles of 8 and 4 (f32x4), then the last 1-3 in one f32x4 (partial loads and stores).
 *   panel4x(..., pidx, count)   panel4 with k running over the `count` entries of the list at pidx
 *     only (./scan.ts's nonzeroK: the k where the panel's A is not all zero, in increasing order,
 *     each as the pair of byte offsets k sak, k sbk)
 *   transpose(src, rows, cols, dst)   dst[c, r] = src[r, c]
 *   nonzeroK, finite: ./scan.ts
 */
import { I32, V128, addTo, get, i32, loop, mem, memoryImport, section, set, simd, str, uleb, vec, type Code } from "../wasm-bytes";
import { finiteCode, nonzeroKCode } from "./scan";

const [ADD, SHL, GT_U, GE_U, SELECT, I32_LOAD] = [[0x6a], [0x74], [0x4b], [0x4f], [0x1b], [0x28]];
const [F32_LOAD, F32_STORE, SUB, EQ, LE_U, IF, ELSE, END] = [[0x2a], [0x38], [0x6b], [0x46], [0x4d], [0x04, 0x40], [0x05], [0x0b]];
const [V_LOAD, V_SPLAT32, V_STORE, VF_ADD, VF_MUL, VF_PMAX] = [0x00, 0x09, 0x0b, 0xe4, 0xe6, 0xeb].map(simd);
const [V_LOAD32_LANE, V_STORE32_LANE, V_STORE64_LANE, V_LOAD32_ZERO, V_LOAD64_ZERO] = [0x56, 0x5a, 0x5b, 0x5c, 0x5d].map(simd);

// panel's parameters (an indexed panel has two more: PIDX, COUNT), then its locals.
const [PA, SAI, SAK, PB, SBK, PC, LDC, PBIAS, HAS_BIAS, RELU, K, N, PIDX, COUNT] = Array.from({ length: 14 }, (_, i) => i);

/** Local layout of a panel of `mr` rows; `indexed`: k runs over the list at PIDX (./scan.ts), not 0..K-1. */
function panelLocals(mr: number, indexed: boolean) {
  const p = indexed ? 14 : 12;
  const [J, KK, PBK, JB, KI] = [p, p + 1, p + 2, p + 3, p + 4];
  const i0 = p + 5, base = (r: number) => i0 + r, row = (r: number) => i0 + mr + r, out = (r: number) => i0 + 2 * mr + r;
  const v0 = i0 + 3 * mr; // v128: acc[mr][2], b[2], zero, a
  const acc = (r: number, v: number) => v0 + 2 * r + v, bv = (v: number) => v0 + 2 * mr + v, zero = v0 + 2 * mr + 2, av = zero + 1;
  const decl = [[5 + 3 * mr, I32], [2 * mr + 4, V128]];
  return { indexed, J, KK, PBK, JB, KI, base, row, out, acc, bv, zero, av, decl };
}

/** Loads `w` floats (4, or the last 1-3 columns) at `addr` + `offset` into a vector, zeros in the other lanes; `addr`: code that leaves the address. */
function loadPart(w: number, addr: Code, offset: number): Code {
  if (w === 4) return [...addr, ...V_LOAD, ...mem(offset)];
  const low = [...addr, ...(w === 1 ? V_LOAD32_ZERO : V_LOAD64_ZERO), ...mem(offset)];
  return w === 3 ? [...addr, ...low, ...V_LOAD32_LANE, ...mem(offset + 8), 2] : low;
}

/** Stores the first `w` lanes of the vector `value` (code that leaves it) at `addr` + `offset`. */
function storePart(w: number, addr: Code, value: Code, offset: number): Code {
  if (w === 4) return [...addr, ...value, ...V_STORE, ...mem(offset)];
  if (w === 1) return [...addr, ...value, ...V_STORE32_LANE, ...mem(offset), 0];
  const low = [...addr, ...value, ...V_STORE64_LANE, ...mem(offset), 0];
  return w === 3 ? [...low, ...addr, ...value, ...V_STORE32_LANE, ...mem(offset + 8), 2] : low;
}

/**
 * One tile: rows 0..mr-1 of the panel, columns j..j+width-1: width 8 (two vectors), 4, or the last
 * 1-3 columns in one vector whose other lanes are zero and never stored. Lanes are independent, so
 * each column gets the same k-ordered sum of single roundings as in a full vector.
 */
function tile(mr: number, width: 8 | 4 | 3 | 2 | 1, L: ReturnType<typeof panelLocals>): Code {
  const rows = Array.from({ length: mr }, (_, r) => r);
  const nv = width === 8 ? 2 : 1;
  const vs = Array.from({ length: nv }, (_, v) => v);
  const w = Math.min(width, 4);
  const init = rows.flatMap((r) => vs.flatMap((v) =>
    [...loadPart(w, [...get(PBIAS), ...get(L.JB), ...ADD], 16 * v), ...get(L.zero), ...get(HAS_BIAS), ...SELECT, ...set(L.acc(r, v))]));
  const step = [
    ...vs.flatMap((v) => [...loadPart(w, get(L.PBK), 16 * v), ...set(L.bv(v))]),
    ...rows.flatMap((r) => [...get(L.row(r)), ...V_SPLAT32, ...mem(), ...set(L.av),
      ...vs.flatMap((v) => [...get(L.acc(r, v)), ...get(L.av), ...get(L.bv(v)), ...VF_MUL, ...VF_ADD, ...set(L.acc(r, v))])]),
    ...(L.indexed ? [] : [...rows.flatMap((r) => addTo(L.row(r), get(SAK))), ...addTo(L.PBK, get(SBK))]),
    ...addTo(L.KK, i32(1)),
  ];
  // Indexed: the list's pair KK is (k sak, k sbk), A's and B's byte offsets of k (KI: its address).
  const indexedStep = [
    ...get(PIDX), ...get(L.KK), ...i32(3), ...SHL, ...ADD, ...set(L.KI),
    ...get(PB), ...get(L.JB), ...ADD, ...get(L.KI), ...I32_LOAD, ...mem(4), ...ADD, ...set(L.PBK),
    ...get(L.KI), ...I32_LOAD, ...mem(), ...set(L.KI),
    ...rows.flatMap((r) => [...get(L.base(r)), ...get(L.KI), ...ADD, ...set(L.row(r))]),
    ...step,
  ];
  const finish = rows.flatMap((r) => vs.flatMap((v) => storePart(w, [...get(L.out(r)), ...get(L.JB), ...ADD],
    [...get(L.zero), ...get(L.acc(r, v)), ...VF_PMAX, ...get(L.acc(r, v)), ...get(RELU), ...SELECT], 16 * v)));
  return [
    ...get(L.J), ...i32(2), ...SHL, ...set(L.JB),
    ...get(PB), ...get(L.JB), ...ADD, ...set(L.PBK),
    ...rows.flatMap((r) => [...get(L.base(r)), ...set(L.row(r))]),
    ...init,
    ...i32(0), ...set(L.KK),
    ...(L.indexed ? loop([...get(L.KK), ...get(COUNT), ...GE_U], indexedStep) : loop([...get(L.KK), ...get(K), ...GE_U], step)),
    ...finish,
  ];
}

/** The panel function of `mr` rows: every column of C, 8 at a time, then 4, then the last 1-3 together. */
function panelCode(mr: number, indexed = false): Code {
  const L = panelLocals(mr, indexed);
  const rows = Array.from({ length: mr }, (_, r) => r);
  const setup = rows.flatMap((r) => r === 0
    ? [...get(PA), ...set(L.base(0)), ...get(PC), ...set(L.out(0))]
    : [...get(L.base(r - 1)), ...get(SAI), ...ADD, ...set(L.base(r)), ...get(L.out(r - 1)), ...get(LDC), ...ADD, ...set(L.out(r))]);
  const body = [
    ...setup,
    ...i32(0), ...set(L.J),
    ...loop([...get(L.J), ...i32(8), ...ADD, ...get(N), ...GT_U], [...tile(mr, 8, L), ...addTo(L.J, i32(8))]),
    ...get(L.J), ...i32(4), ...ADD, ...get(N), ...LE_U, ...IF, ...tile(mr, 4, L), ...addTo(L.J, i32(4)), ...END, // if j + 4 <= N
    // the last N - j = 1, 2 or 3 columns
    ...get(N), ...get(L.J), ...SUB, ...i32(1), ...EQ, ...IF, ...tile(mr, 1, L), ...ELSE,
    ...get(N), ...get(L.J), ...SUB, ...i32(2), ...EQ, ...IF, ...tile(mr, 2, L), ...ELSE,
    ...get(N), ...get(L.J), ...SUB, ...i32(3), ...EQ, ...IF, ...tile(mr, 3, L), ...END, ...END, ...END,
    0x0b,
  ];
  const fn = [...vec(L.decl.map(([n, t]) => [...uleb(n), t])), ...body];
  return [...uleb(fn.length), ...fn];
}

/** transpose(src, rows, cols, dst): locals r, c, ps (source byte address), pd (destination). */
function transposeCode(): Code {
  const [SRC, ROWS, COLS, DST, R, C, PS, PD] = [0, 1, 2, 3, 4, 5, 6, 7];
  const inner = loop([...get(C), ...get(COLS), ...GE_U], [
    ...get(PD), ...get(PS), ...F32_LOAD, ...mem(), ...F32_STORE, ...mem(),
    ...addTo(PS, i32(4)), ...get(PD), ...get(ROWS), ...i32(2), ...SHL, ...ADD, ...set(PD), ...addTo(C, i32(1)),
  ]);
  const body = [
    ...get(SRC), ...set(PS), ...i32(0), ...set(R),
    ...loop([...get(R), ...get(ROWS), ...GE_U], [
      ...get(DST), ...get(R), ...i32(2), ...SHL, ...ADD, ...set(PD), ...i32(0), ...set(C), ...inner, ...addTo(R, i32(1)),
    ]),
    0x0b,
  ];
  const fn = [...vec([[4, I32]]), ...body];
  return [...uleb(fn.length), ...fn];
}

/**
 * The module's bytes: panel4, panel1, transpose, panel4x (panel4 over an index list of k), and
 * ./scan.ts's nonzeroK and finite, on an imported memory `env.memory`.
 * @param shared - true for the threaded build's shared memory (default false)
 */
export function gemmModuleBytes(shared = false): Uint8Array {
  const type = (params: number, result: boolean) => [0x60, ...vec(Array(params).fill([I32])), ...(result ? [1, I32] : [0])];
  const names = ["panel4", "panel1", "transpose", "panel4x", "nonzeroK", "finite"];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([type(12, false), type(4, false), type(14, false), type(6, true), type(2, true)])),
    ...section(2, vec([memoryImport(shared)])),
    ...section(3, vec([[0], [0], [1], [2], [3], [4]])),
    ...section(7, vec(names.map((n, j) => [...str(n), 0x00, j]))),
    ...section(10, vec([panelCode(4), panelCode(1), transposeCode(), panelCode(4, true), nonzeroKCode(), finiteCode()])),
  ]);
}
