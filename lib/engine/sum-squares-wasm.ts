/**
 * ./powf-square.ts's `sumPowfSquares` in WebAssembly: the same float32 sum of the C library's
 * powf(|x_i|, 2), in index order, read where the data lies on tfjs-backend-wasm's heap.
 *
 * Why: the sum is one long chain of float32 additions, and JS has only doubles, so each add in
 * JS is an add and two conversions, and the fast path's test is a dozen operations: ~5 ns an
 * element, 12 us for the spiral's [50, 50] weight. Here 2.4 ns (bench/README "Round 12"). Two
 * passes, because the few squares that need the library's powf are JS (./powf-square.ts), and a
 * call from the loop into JS made V8 spill the loop's values (3.5x slower):
 *
 *   squares(ptr, out, idx, n) -> count:  4 floats a step, for the n floats at byte offset ptr,
 *     ix = bits & 0x7fffffff; m = (ix & 0x7fffff) | 0x800000; low = m m mod 2^32
 *     away = |(m >= WIDE ? low mod 2^24 - 2^23 : low mod 2^23 - 2^22)|
 *     fast = LO <= ix < HI and away > m m MARGIN   (./powf-square.ts's fastPowfSquare)
 *     out[i] = x x (f32.mul, rounded once); where not fast, i is appended to the list at idx
 *   (then {@link powfSquaresOnHeap} writes powfSquare where the list says, and the last n % 4)
 *   sum(out, n) -> s:  s = s + out[i] in index order (f32.add, rounded once)
 */
import { F32, I32, V128, backendMemory, get, i32, loop, memoryImport, section, set, simd, str, uleb, vec, type Code, type WasmHeapModule } from "./wasm-bytes";
import { MIDPOINT_MARGIN, powfSquare, SQUARE_HI, SQUARE_LO, WIDE_SQUARE } from "./powf-square";

const [PTR, N, I, END] = [0, 3, 4, 5];
const [AND, XOR, GE_U, ADD] = [[0x71], [0x73], [0x4f], [0x6a]];
const [F32_ADD, SHL, SHR_U] = [[0x92], [0x74], [0x76]];
const [F32_LOAD, I32_STORE] = [[0x2a, 2, 0], [0x36, 2, 0]];
const f32c = (v: number): Code => [0x43, ...new Uint8Array(Float32Array.of(v).buffer)];

const V = (op: number): Code => simd(op);
const [V_LOAD, V_STORE, I_SPLAT, F_SPLAT] = [[...V(0x00), 2, 0], [...V(0x0b), 2, 0], V(0x11), V(0x13)];
const [V_AND, V_OR, V_BITSELECT, I_GE_U, I_LT_U, I_ABS, I_BITMASK, I_SUB, I_MUL] = [0x4e, 0x50, 0x52, 0x40, 0x3a, 0xa0, 0xa4, 0xb1, 0xb5].map(V);
const [F_GT, F_MUL, F_FROM_I] = [0x44, 0xe6, 0xfa].map(V);

// squares' parameters, then its i32 locals, then its v128 locals (values, then splatted constants).
const [OUT, IDX, COUNT, MASK] = [1, 2, 6, 7];
const [B, IX, M, LOW, AW] = [8, 9, 10, 11, 12];
const CONSTANTS: [number, Code][] = [
  [0x7fffffff, I_SPLAT], [0x7fffff, I_SPLAT], [0x800000, I_SPLAT], [0xffffff, I_SPLAT], [0x400000, I_SPLAT],
  [WIDE_SQUARE, I_SPLAT], [SQUARE_LO, I_SPLAT], [SQUARE_HI - SQUARE_LO, I_SPLAT], [MIDPOINT_MARGIN, F_SPLAT],
];
const [ABS_MASK, MANT, ONE, LOW24, HALF23, WIDE, LO, SPAN, MARGIN] = CONSTANTS.map((_, j) => 13 + j);

/**
 * squares(ptr, out, idx, n) -> count, 4 floats a step (n a multiple of 4). The margin test is in
 * float32 here: m m rounded once (2^-24 relative) moves the margin by nothing that matters
 * against its factor of 2.3 over the largest distance where powf and x x differ.
 */
function squaresCode(): Code {
  const v = (l: number) => get(l);
  const splats = CONSTANTS.flatMap(([value, splat], j) => [...(splat === F_SPLAT ? f32c(value) : i32(value | 0)), ...splat, ...set(13 + j)]);
  const append = (lane: number) => [
    ...get(IDX), ...get(COUNT), ...i32(2), ...SHL, ...ADD, ...get(I), ...i32(2), ...SHR_U, ...i32(lane), ...ADD, ...I32_STORE,
    ...get(COUNT), ...get(MASK), ...i32(lane), ...SHR_U, ...i32(1), ...AND, ...ADD, ...set(COUNT),
  ];
  const body = [
    ...get(PTR), ...get(I), ...ADD, ...V_LOAD, ...set(B),
    ...v(B), ...v(ABS_MASK), ...V_AND, ...set(IX),
    ...v(IX), ...v(MANT), ...V_AND, ...v(ONE), ...V_OR, ...set(M),
    ...v(M), ...v(M), ...I_MUL, ...set(LOW),
    ...v(LOW), ...v(LOW24), ...V_AND, ...v(ONE), ...I_SUB, ...v(LOW), ...v(MANT), ...V_AND, ...v(HALF23), ...I_SUB,
    ...v(M), ...v(WIDE), ...I_GE_U, ...V_BITSELECT, ...I_ABS, ...set(AW),
    ...get(OUT), ...get(I), ...ADD, ...v(B), ...v(B), ...F_MUL, ...V_STORE,
    // Lanes far enough from a midpoint and in range are done; the others go on the list.
    ...v(AW), ...F_FROM_I, ...v(M), ...F_FROM_I, ...v(M), ...F_FROM_I, ...F_MUL, ...v(MARGIN), ...F_MUL, ...F_GT,
    ...v(IX), ...v(LO), ...I_SUB, ...v(SPAN), ...I_LT_U, ...V_AND, ...I_BITMASK, ...i32(15), ...XOR, ...set(MASK),
    ...get(MASK), 0x04, 0x40, ...append(0), ...append(1), ...append(2), ...append(3), 0x0b,
    ...get(I), ...i32(16), ...ADD, ...set(I),
  ];
  const fn = [
    ...vec([[4, I32], [5 + CONSTANTS.length, V128]]),
    ...splats,
    ...get(N), ...i32(2), ...SHL, ...set(END),
    ...loop([...get(I), ...get(END), ...GE_U], body),
    ...get(COUNT), 0x0b,
  ];
  return [...uleb(fn.length), ...fn];
}

/** sum(out, n) -> f32: params 0 (the floats) and 1 (n); locals i, end (i32) and s (f32). */
function sumCode(): Code {
  const [P, NN, II, EE, SS] = [0, 1, 2, 3, 4];
  const fn = [
    ...vec([[2, I32], [1, F32]]),
    ...get(NN), ...i32(2), ...SHL, ...set(EE),
    ...loop([...get(II), ...get(EE), ...GE_U], [...get(SS), ...get(P), ...get(II), ...ADD, ...F32_LOAD, ...F32_ADD, ...set(SS), ...get(II), ...i32(4), ...ADD, ...set(II)]),
    ...get(SS), 0x0b,
  ];
  return [...uleb(fn.length), ...fn];
}

/** The module's bytes: `squares` and `sum` (see the header), on an imported memory. */
export function sumSquaresModuleBytes(shared: boolean): Uint8Array {
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([[0x60, ...vec([[I32], [I32], [I32], [I32]]), 1, I32], [0x60, ...vec([[I32], [I32]]), 1, F32]])),
    ...section(2, vec([memoryImport(shared)])),
    ...section(3, vec([[0], [1]])),
    ...section(7, vec([[...str("squares"), 0x00, 0], [...str("sum"), 0x00, 1]])),
    ...section(10, vec([squaresCode(), sumCode()])),
  ]);
}

/** The module's exports. */
export interface SumSquaresKernels {
  squares(ptr: number, out: number, idx: number, n: number): number;
  sum(out: number, n: number): number;
}

/** The heap the sum works on: its memory and its allocator (tfjs-backend-wasm's module). */
export interface Heap {
  buffer(): ArrayBuffer;
  malloc(bytes: number): number;
  free(ptr: number): void;
}

/** tfjs-backend-wasm's module as a {@link Heap}. */
export function backendHeap(wasm: WasmHeapModule): Heap {
  const memory = backendMemory(wasm);
  return { buffer: () => memory.buffer, malloc: (bytes) => wasm._malloc(bytes), free: (ptr) => wasm._free(ptr) };
}

/**
 * powf(|x_i|, 2) of the `n` floats at byte offset `ptr` on the heap, into the n floats at `out`:
 * the module's vector pass, then powfSquare (./powf-square.ts) where it left them and for the last
 * n % 4.
 *
 * @param k - the module's exports on this heap
 * @param heap - the memory and allocator (a list of 4 n bytes, freed before returning)
 * @param ptr - the floats' byte offset
 * @param out - byte offset of n floats for the squares
 * @param n - how many
 */
export function powfSquaresOnHeap(k: SumSquaresKernels, heap: Heap, ptr: number, out: number, n: number): void {
  const idx = heap.malloc(4 * n);
  const vectors = n - (n % 4);
  const count = k.squares(ptr, out, idx, vectors);
  if (count > 0 || vectors < n) {
    // Views after the allocation (it may have grown the heap and detached older ones).
    const buffer = heap.buffer();
    const [xs, bits, sq, list] = [new Float32Array(buffer, ptr, n), new Uint32Array(buffer, ptr, n), new Float32Array(buffer, out, n), new Int32Array(buffer, idx, count)];
    for (const i of list) sq[i] = powfSquare(xs[i], bits[i]);
    for (let i = vectors; i < n; i++) sq[i] = powfSquare(xs[i], bits[i]);
  }
  heap.free(idx);
}

/**
 * sum_i powf(|x_i|, 2) of the `n` floats at byte offset `ptr` on the heap: the bits of
 * ./powf-square.ts's sumPowfSquares.
 *
 * @param k - the module's exports on this heap
 * @param heap - the memory and allocator (scratch of 8 n bytes, freed before returning)
 * @param ptr - the floats' byte offset
 * @param n - how many
 * @returns the float32 sum
 */
export function sumPowfSquaresOnHeap(k: SumSquaresKernels, heap: Heap, ptr: number, n: number): number {
  if (n === 0) return 0;
  const out = heap.malloc(4 * n);
  powfSquaresOnHeap(k, heap, ptr, out, n);
  const s = k.sum(out, n);
  heap.free(out);
  return s;
}
