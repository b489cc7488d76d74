/**
 * The row kernels of ./wasm-broadcast.ts: `a op b` where one operand is a row repeated over the
 * other's rows, as ONE pass over the whole output, 4 floats at a time, whatever the row's width.
 *
 * Why: going a row at a time, a width that is not a multiple of 4 (a bias of 50 units, or of 3
 * classes) left N % 4 columns of every row to JS, and a row of 3 was all JS. Here the output is
 * one flat run of vectors; the row operand is read at the output index modulo its period P from
 * a copy of it repeated to P + 15 floats (P: the row width's smallest multiple of at least 64),
 * so a vector that crosses the end of a row reads the next row's first columns from the copy.
 *
 *   <op>WrapB(full, row, out, bytes, period)   out[i] = full[i] op row[i mod P]
 *   <op>WrapA(full, row, out, bytes, period)   out[i] = row[i mod P] op full[i]
 *     over byte offsets [0, bytes), bytes a multiple of 64 (4 vectors a step); `period` = 4 P
 *     bytes, at least 64; `row` holds P + 15 floats.
 *
 * Two operands of one shape use the same functions: the second is its own "row", with a period
 * the pass never reaches. Each lane is the float32 operation of tfjs's kernel on the same
 * operands in the same order.
 */
import { I32, get, loop, memoryImport, section, set, simd, str, uleb, vec, i32, mem, type Code } from "./wasm-bytes";

export type BroadcastOp = "add" | "sub" | "mul";
/** The f32x4 opcode of each operation. */
export const BROADCAST_OPCODES: Record<BroadcastOp, number> = { add: 0xe4, sub: 0xe5, mul: 0xe6 };
export const BROADCAST_OPS = Object.keys(BROADCAST_OPCODES) as BroadcastOp[];

const [V_LOAD, V_STORE] = [0x00, 0x0b].map(simd);
const [ADD, SUB, GE_U, LT_U] = [[0x6a], [0x6b], [0x4f], [0x49]];
const [FULL, ROW, OUT, BYTES, PERIOD, I, J] = [0, 1, 2, 3, 4, 5, 6];

/** Vectors per loop step: the row's copy holds UNROLL * 4 - 1 floats past its period. */
export const UNROLL = 4;
const STEP = 16 * UNROLL;

/** One wrap function: `rowFirst` puts the row operand on the left of `op`. */
function wrapCode(op: BroadcastOp, rowFirst: boolean): Code {
  const vector = (u: number) => {
    const full = [...get(FULL), ...get(I), ...ADD, ...V_LOAD, ...mem(16 * u)];
    const row = [...get(ROW), ...get(J), ...ADD, ...V_LOAD, ...mem(16 * u)];
    return [...get(OUT), ...get(I), ...ADD, ...(rowFirst ? [...row, ...full] : [...full, ...row]), ...simd(BROADCAST_OPCODES[op]), ...V_STORE, ...mem(16 * u)];
  };
  const body = [
    ...Array.from({ length: UNROLL }, (_, u) => vector(u)).flat(),
    ...get(I), ...i32(STEP), ...ADD, ...set(I),
    // j = (j + STEP) mod period: one subtraction suffices, as STEP <= period. A branch, not a
    // select: rarely taken, it keeps the subtraction off the loop's chain of dependent operations.
    ...get(J), ...i32(STEP), ...ADD, ...set(J),
    0x02, 0x40, ...get(J), ...get(PERIOD), ...LT_U, 0x0d, 0, ...get(J), ...get(PERIOD), ...SUB, ...set(J), 0x0b,
  ];
  const fn = [...vec([[2, I32]]), ...i32(0), ...set(I), ...i32(0), ...set(J), ...loop([...get(I), ...get(BYTES), ...GE_U], body), 0x0b];
  return [...uleb(fn.length), ...fn];
}

const VARIANTS = BROADCAST_OPS.flatMap((op) => [[op, false], [op, true]] as const);

/**
 * The module's bytes: `<op>WrapB` and `<op>WrapA` for add, sub and mul, on an imported memory.
 * @param shared - true for the threaded build's shared memory
 */
export function wrapModuleBytes(shared: boolean): Uint8Array {
  const type = [0x60, ...vec(Array(5).fill([I32])), 0];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([type])),
    ...section(2, vec([memoryImport(shared)])),
    ...section(3, vec(VARIANTS.map(() => [0]))),
    ...section(7, vec(VARIANTS.map(([op, rowFirst], j) => [...str(`${op}Wrap${rowFirst ? "A" : "B"}`), 0x00, j]))),
    ...section(10, vec(VARIANTS.map(([op, rowFirst]) => wrapCode(op, rowFirst)))),
  ]);
}

/** The row's period in floats: the smallest multiple of its width of at least 64 (a step must not pass two periods, and the wrap's branch is then taken at most every 4 steps). */
export function wrapPeriod(n: number): number {
  return n * Math.ceil(64 / n);
}

/**
 * Writes the row `row` (N floats) repeated into `ext` (period + 4 UNROLL - 1 floats), doubling
 * what is written at each copy.
 *
 * @param row - the row operand's N values
 * @param ext - the copy the wrap functions read
 */
export function fillWrapRow(row: Float32Array, ext: Float32Array): void {
  ext.set(row.length <= ext.length ? row : row.subarray(0, ext.length));
  for (let filled = row.length; filled < ext.length; filled *= 2) ext.copyWithin(filled, 0, Math.min(filled, ext.length - filled));
}
