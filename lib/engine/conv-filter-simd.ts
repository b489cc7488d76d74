/**
 * The filter gradient of a 2-D convolution in WebAssembly SIMD, for ./wasm-conv-filter.ts. Built in
 * memory like ./gemm/module.ts and instantiated on tfjs-backend-wasm's memory.
 *
 * dW[kh, kw, ci, co] = sum over oh, ow, n of x[n, oh sh + kh - pt, ow sw + kw - pl, ci] dy[n, oh, ow, co],
 * summed in that order (oh, then ow, then n), one rounding per multiply and per add, from 0, and a
 * position in the padding adds 0 dy: the order XNNPACK's convolution sums in when the gradient is
 * computed as a convolution of the padded, transposed x with dy (the kernel's other path), so the
 * same bits. What it saves: that path's pad and transposes, and XNNPACK's indirection over a 32 x 32
 * "kernel".
 *
 *   bRV(px, pdy, pw, ih0, iw0, h, w, oh, ow, n, sh, sw, xn, xrow, xcol, dyn, cb)
 *     one (kh, kw) and a block of R input channels (ci0..) x 4 V output channels (co0..):
 *     px = &x[0, 0, 0, ci0], pdy = &dy[0, 0, 0, co0], pw = &dW[kh, kw, ci0, co0] (byte addresses);
 *     ih0 = kh - pt, iw0 = kw - pl; xn, xrow, xcol: x's strides of n, a row, a column (bytes);
 *     dyn: dy's stride of n; cb = 4 Cout, a dy position and a dW row (bytes). R in 1..4, V in 1..2.
 */
import { I32, V128, addTo, get, i32, loop, mem, memoryImport, section, set, simd, str, uleb, vec, type Code } from "./wasm-bytes";

const [ADD, MUL, LT_U, GE_U, AND] = [[0x6a], [0x6c], [0x49], [0x4f], [0x71]];
const [V_LOAD, V_SPLAT32, V_STORE, I_SPLAT, F_ADD, F_MUL] = [0x00, 0x09, 0x0b, 0x11, 0xe4, 0xe6].map(simd);

const PARAMS = ["px", "pdy", "pw", "ih0", "iw0", "h", "w", "oh", "ow", "n", "sh", "sw", "xn", "xrow", "xcol", "dyn", "cb"] as const;
const [PX, PDY, PW, IH0, IW0, H, W, OH, OW, N, SH, SW, XN, XROW, XCOL, DYN, CB] = PARAMS.map((_, i) => i);
// i32 locals, then v128: zero, acc[R V], xs[R], dv[V].
const [OHI, OWI, NI, IH, IW, XA, DA] = [17, 18, 19, 20, 21, 22, 23];
const ZERO = 24;

function blockCode(R: number, V: number): Code {
  const rs = Array.from({ length: R }, (_, r) => r), vs = Array.from({ length: V }, (_, v) => v);
  const acc = (r: number, v: number) => ZERO + 1 + r * V + v, xs = (r: number) => ZERO + 1 + R * V + r, dv = (v: number) => ZERO + 1 + R * V + R + v;
  /** One n: dv = dy's vectors, acc += xs dv (xs loaded from x, or zero in the padding). */
  const step = (padding: boolean): Code => [
    ...(padding ? [] : rs.flatMap((r) => [...get(XA), ...V_SPLAT32, ...mem(4 * r), ...set(xs(r))])),
    ...vs.flatMap((v) => [...get(DA), ...V_LOAD, ...mem(16 * v), ...set(dv(v))]),
    ...rs.flatMap((r) => vs.flatMap((v) => [...get(acc(r, v)), ...get(padding ? ZERO : xs(r)), ...get(dv(v)), ...F_MUL, ...F_ADD, ...set(acc(r, v))])),
    ...(padding ? [] : addTo(XA, get(XN))), ...addTo(DA, get(DYN)), ...addTo(NI, i32(1)),
  ];
  const overN = (padding: boolean) => [...i32(0), ...set(NI), ...loop([...get(NI), ...get(N), ...GE_U], step(padding))];
  const position = [
    ...get(IW0), ...get(OWI), ...get(SW), ...MUL, ...ADD, ...set(IW),
    ...get(PDY), ...get(OHI), ...get(OW), ...MUL, ...get(OWI), ...ADD, ...get(CB), ...MUL, ...ADD, ...set(DA),
    // if (ih <u h && iw <u w): x's row and column (negative ones are huge unsigned), else padding
    ...get(IH), ...get(H), ...LT_U, ...get(IW), ...get(W), ...LT_U, ...AND, 0x04, 0x40,
    ...get(PX), ...get(IH), ...get(XROW), ...MUL, ...ADD, ...get(IW), ...get(XCOL), ...MUL, ...ADD, ...set(XA),
    ...overN(false),
    0x05, ...overN(true), 0x0b,
    ...addTo(OWI, i32(1)),
  ];
  const body = [
    ...i32(0), ...I_SPLAT, ...set(ZERO),
    ...rs.flatMap((r) => vs.flatMap((v) => [...get(ZERO), ...set(acc(r, v))])),
    ...i32(0), ...set(OHI),
    ...loop([...get(OHI), ...get(OH), ...GE_U], [
      ...get(IH0), ...get(OHI), ...get(SH), ...MUL, ...ADD, ...set(IH),
      ...i32(0), ...set(OWI),
      ...loop([...get(OWI), ...get(OW), ...GE_U], position),
      ...addTo(OHI, i32(1)),
    ]),
    ...rs.flatMap((r) => vs.flatMap((v) => [...get(PW), ...get(CB), ...i32(r), ...MUL, ...ADD, ...get(acc(r, v)), ...V_STORE, ...mem(16 * v)])),
    0x0b,
  ];
  const fn = [...vec([[7, I32], [1 + R * V + R + V, V128]].map(([n, t]) => [...uleb(n), t])), ...body];
  return [...uleb(fn.length), ...fn];
}

/** The block functions' names, b11 .. b42 (R input channels, V vectors of 4 output channels). */
export const BLOCKS = [1, 2, 3, 4].flatMap((r) => [1, 2].map((v) => ({ name: `b${r}${v}`, r, v })));

/**
 * The module's bytes: the {@link BLOCKS} functions, on an imported memory `env.memory`.
 * @param shared - true for the threaded build's shared memory (default false)
 */
export function convFilterModuleBytes(shared = false): Uint8Array {
  const type = [0x60, ...vec(PARAMS.map(() => [I32])), 0];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([type])),
    ...section(2, vec([memoryImport(shared)])),
    ...section(3, vec(BLOCKS.map(() => [0]))),
    ...section(7, vec(BLOCKS.map((b, j) => [...str(b.name), 0x00, ...uleb(j)]))),
    ...section(10, vec(BLOCKS.map((b) => blockCode(b.r, b.v)))),
  ]);
}
