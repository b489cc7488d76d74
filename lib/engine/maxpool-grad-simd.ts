/**
 * Max-pooling's gradient over disjoint windows in WebAssembly SIMD, four channels at a time, for
 * ./wasm-maxpool-grad.ts (which keeps the rule and a JS loop for channel counts not divisible by 4).
 * Built in memory like ./gemm/module.ts and instantiated on tfjs-backend-wasm's memory.
 *
 * Why: the JS loop's two data-dependent branches per element (is this the maximum so far? is this
 * the maximum's position?) mispredict on activations, ~10 ns an element; here both are lane masks.
 *
 *   windows(x0, px, pg, delta, count, rows, cols, cb, rowStep)
 *     `count` windows side by side, the first at byte address px of x [.., C] (channels innermost,
 *     cb = 4 C bytes a position, rowStep bytes a row), each `rows` x `cols` positions, its dy
 *     vector at pg (then pg + cb, ...); dx lies `delta` bytes after x. Per lane (channel): scan
 *     rows, then columns, keep the LAST value >= the best so far, starting from FLT_MIN at the
 *     address x0 (tfjs's flat offset 0), then dx = 0 + dy * (address == best's ? 1 : 0).
 */
import { I32, V128, addTo, get, i32, loop, mem, memoryImport, section, set, simd, str, uleb, vec, type Code } from "./wasm-bytes";

const f32 = (bits: number): Code => [0x43, bits & 0xff, (bits >>> 8) & 0xff, (bits >>> 16) & 0xff, bits >>> 24];
const [ADD, MUL, GE_U] = [[0x6a], [0x6c], [0x4f]];
const [V_LOAD, V_STORE, I_SPLAT, F_SPLAT, I_EQ, F_GE, SELECT, I_ADD, F_ADD, F_MUL] =
  [0x00, 0x0b, 0x11, 0x13, 0x37, 0x46, 0x52, 0xae, 0xe4, 0xe6].map(simd);

// Parameters, then locals: i32 q, ch, i, j, row, at; v128 best, pos, gv, lanes, one, zero, v, m.
const [X0, PX, PG, DELTA, COUNT, ROWS, COLS, CB, ROW_STEP] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
const [Q, CH, I, J, ROW, AT] = [9, 10, 11, 12, 13, 14];
const [BEST, POS, GV, LANES, ONE, ZERO, V, M] = [15, 16, 17, 18, 19, 20, 21, 22];

/** Runs `body` at every position of the current window, channel group CH: AT is its x address. */
function eachPosition(body: Code): Code {
  return [
    ...i32(0), ...set(I), ...get(PX), ...get(CH), ...ADD, ...set(ROW),
    ...loop([...get(I), ...get(ROWS), ...GE_U], [
      ...i32(0), ...set(J), ...get(ROW), ...set(AT),
      ...loop([...get(J), ...get(COLS), ...GE_U], [...body, ...addTo(AT, get(CB)), ...addTo(J, i32(1))]),
      ...addTo(ROW, get(ROW_STEP)), ...addTo(I, i32(1)),
    ]),
  ];
}

/** The addresses of AT's four lanes. */
const laneAddresses: Code = [...get(AT), ...I_SPLAT, ...get(LANES), ...I_ADD];

const scan = eachPosition([
  // m = v >= best (false for NaN, as in C); best = m ? v : best; pos = m ? address : pos
  ...get(AT), ...V_LOAD, ...mem(), ...set(V), ...get(V), ...get(BEST), ...F_GE, ...set(M),
  ...get(V), ...get(BEST), ...get(M), ...SELECT, ...set(BEST),
  ...laneAddresses, ...get(POS), ...get(M), ...SELECT, ...set(POS),
]);

const write = eachPosition([
  ...get(AT), ...get(DELTA), ...ADD,
  ...get(ZERO), ...get(GV), ...get(ONE), ...get(ZERO), ...laneAddresses, ...get(POS), ...I_EQ, ...SELECT, ...F_MUL, ...F_ADD,
  ...V_STORE, ...mem(),
]);

function windowsCode(): Code {
  const group = [
    ...f32(0x00800000), ...F_SPLAT, ...set(BEST), ...get(X0), ...I_SPLAT, ...set(POS),
    ...scan,
    ...get(PG), ...get(CH), ...ADD, ...V_LOAD, ...mem(), ...set(GV),
    ...write,
    ...addTo(CH, i32(16)),
  ];
  const body = [
    ...i32(0), ...I_SPLAT, ...set(ZERO), ...f32(0x3f800000), ...F_SPLAT, ...set(ONE),
    // lanes = [0, 4, 8, 12]: v128.const
    ...simd(0x0c), ...[0, 4, 8, 12].flatMap((b) => [b, 0, 0, 0]), ...set(LANES),
    ...i32(0), ...set(Q),
    ...loop([...get(Q), ...get(COUNT), ...GE_U], [
      ...i32(0), ...set(CH),
      ...loop([...get(CH), ...get(CB), ...GE_U], group),
      ...addTo(PX, [...get(COLS), ...get(CB), ...MUL]), ...addTo(PG, get(CB)), ...addTo(Q, i32(1)),
    ]),
    0x0b,
  ];
  const fn = [...vec([[6, I32], [8, V128]].map(([n, t]) => [...uleb(n), t])), ...body];
  return [...uleb(fn.length), ...fn];
}

/**
 * The module's bytes: `windows`, on an imported memory `env.memory`.
 * @param shared - true for the threaded build's shared memory (default false)
 */
export function maxPoolGradModuleBytes(shared = false): Uint8Array {
  const type = [0x60, ...vec(Array(9).fill([I32])), 0];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([type])),
    ...section(2, vec([memoryImport(shared)])),
    ...section(3, vec([[0]])),
    ...section(7, vec([[...str("windows"), 0x00, 0]])),
    ...section(10, vec([windowsCode()])),
  ]);
}
