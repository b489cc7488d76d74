/**
 * `powf(x, 2)` as tfjs-backend-wasm's C library computes it, in JS, bit for bit.
 *
 * Why: tf.norm squares each element with tfjs's Pow kernel, whose `powf` is not correctly
 * rounded (x^2 differs from the float32 rounding of x x for ~3000 of the 2^23 inputs of every
 * binade: bench/pow-exact.ts), so a plain square would change the norm's bits. The kernel also
 * costs ~12 ns an element (a broadcast of the exponent, then `powf`), which made the three
 * weight norms of the spiral's lecture step ~10% of the step.
 *
 * The C library is musl's (Emscripten's), whose powf is Arm's optimized-routines algorithm
 * (MIT): log2(x) from a 16-entry table and a degree-5 polynomial, times y, then 2^(y log2 x)
 * from a 32-entry table and a degree-3 polynomial, every step a double operation, then one
 * rounding to float32. WebAssembly has no fused multiply-add and JS numbers are IEEE doubles,
 * so the same operations in the same order give the same doubles. The tables and coefficients
 * below are that library's; the bit tricks of its exp2 step (adding a shifted integer into a
 * double's bits) are replaced by the exact operations they stand for: the table's 2^(j/32)
 * times a power of two. Checked against the wasm Pow kernel for all 2^32 float32 inputs
 * (bench/pow-exact.ts --port) and in tests/engine/powf-square.test.ts.
 */
import { doubles, EXP2_TAB, EXP2_P0, EXP2_P1, EXP2_P2, POW2, POW2_BIAS } from "./libm-tables";

/** log2 step: [1/c, log2 c] for 16 subintervals of z in [0x3f330000, 0x3fb30000) (float bits). */
const LOG_TAB = doubles(`
  3ff661ec79f8f3be bfdefec65b963019 3ff571ed4aaf883d bfdb0b6832d4fca4 3ff49539f0f010b0 bfd7418b0a1fb77b
  3ff3c995b0b80385 bfd39de91a6dcf7b 3ff30d190c8864a5 bfd01d9bf3f2b631 3ff25e227b0b8ea0 bfc97c1d1b3b7af0
  3ff1bb4a4a1a343f bfc2f9e393af3c9f 3ff12358f08ae5ba bfb960cbbf788d5c 3ff0953f419900a7 bfaa6f9db6475fce
  3ff0000000000000 0000000000000000 3fee608cfd9a47ac 3fb338ca9f24f53d 3feca4b31f026aa0 3fc476a9543891ba
  3feb2036576afce6 3fce840b4ac4e4d2 3fe9c2d163a1aa2d 3fd40645f0c6651c 3fe886e6037841ed 3fd88e9c2c1b9ff8
  3fe767dcf5534862 3fdce0a44eb17bcc`);
/** log2(1 + r) ~ A0 r^5 + A1 r^4 + A2 r^3 + A3 r^2 + A4 r. */
const [A0, A1, A2, A3, A4] = doubles("3fd27616c9496e0b bfd71969a075c67a 3fdec70a6ca7badd bfe7154748bef6c8 3ff71547652ab82b");
/** 2^r ~ (C0 r + C1) r^2 + (C2 r + 1). */
const [C0, C1, C2] = [EXP2_P0, EXP2_P1, EXP2_P2];
/** Adding it rounds a double in (-2^46, 2^46) to a multiple of 1/32 (0x1.8p+52 / 32). */
const SHIFT = 1.5 * 2 ** 47;
// One word to move float32 bits, for the rare inputs (subnormal, zero, infinite, NaN).
const word = new Uint32Array(1);
const wordF = new Float32Array(word.buffer);

/**
 * log2(a) for the float32 `a` > 0 whose bits are `ix` (for a subnormal `a`, its bits normalized
 * to a "negative" exponent, as the library does). The library writes a = z 2^k and gets z by
 * subtracting k from ix's exponent field: here z = a 2^-k, the same double.
 */
function log2Of(a: number, ix: number): number {
  const tmp = (ix - 0x3f330000) | 0;
  const i = (tmp >> 19) & 15;
  const k = tmp >> 23;
  const z = a * POW2[POW2_BIAS - k];
  const r = z * LOG_TAB[2 * i] - 1;
  const y0 = LOG_TAB[2 * i + 1] + k;
  const r2 = r * r;
  let y = A0 * r + A1;
  const p = A2 * r + A3;
  const r4 = r2 * r2;
  let q = A4 * r + y0;
  q = p * r2 + q;
  y = y * r4 + q;
  return y;
}

/**
 * 2^xd rounded to float32, for -150 < xd < 128. The library finds k = round(32 xd) by adding a
 * shift and reads the table index and 2's exponent from the sum's bits: k & 31 and k >> 5 here.
 */
function exp2ToFloat(xd: number): number {
  const kd = xd + SHIFT - SHIFT; // k / 32, rounded to nearest, ties to even
  const r = xd - kd;
  const k = (kd * 32) | 0;
  const s = EXP2_TAB[k & 31] * POW2[(k >> 5) + POW2_BIAS];
  const z = C0 * r + C1;
  const r2 = r * r;
  let y = C2 * r + 1;
  y = z * r2 + y;
  y = y * s;
  return Math.fround(y);
}

/** powf(a, 2) for zero, subnormal, infinite and NaN `a` (bits `ix`, sign cleared): the library's special path. */
function powfSquareRare(a: number, ix: number): number {
  if (ix === 0 || ix >= 0x7f800000) return Math.fround(a * a);
  wordF[0] = Math.fround(a * 2 ** 23);
  return powfSquareFrom(a, ((word[0] & 0x7fffffff) - (23 << 23)) >>> 0);
}

function powfSquareFrom(a: number, ix: number): number {
  const ylogx = 2 * log2Of(a, ix);
  if (ylogx >= 126 || ylogx <= -126) {
    if (ylogx > 127.99999995700433) return Infinity; // 0x1.fffffffd1d571p+6: past the largest float32
    if (ylogx <= -150) return 0;
  }
  return exp2ToFloat(ylogx);
}

/**
 * powf(|x|, 2) of a float32, as musl computes it (the same float32).
 *
 * @param x - the float32 value
 * @param bits - its bits (from a Uint32Array view of the same data); the sign bit is ignored
 * @returns the square as a float32 value: 0 for 0 and for squares below 2^-150, Infinity past the
 *   largest float32, NaN for NaN
 * @example powfSquare(3, 0x40400000); // 9
 */
export function powfSquare(x: number, bits: number): number {
  const ix = bits & 0x7fffffff;
  const a = x < 0 ? -x : x;
  if (ix < 0x00800000 || ix >= 0x7f800000) return powfSquareRare(a, ix);
  return powfSquareFrom(a, ix);
}

/** |x| in [2^-62, 2^63) (bits of |x|): x x is a normal float32, no overflow or underflow. */
export const [SQUARE_LO, SQUARE_HI] = [(127 - 62) << 23, (127 + 63) << 23];
/** A significand m (24 bits) with m m >= 2^47, a 48-bit square: from sqrt(2^47) = 11863283.2 up. */
export const WIDE_SQUARE = 11863284;
/**
 * How far (relative to x x) the exact square must lie from a float32 midpoint for the fast path.
 * Wherever powf(x, 2) and the rounded x x differ, x x lies within 1.03e-10 (~2^-33.2) of a
 * midpoint (every float32, bench/pow-exact.ts): powf's double is that close to x x before its
 * rounding. 2^-32 leaves a factor 2.3, and sends ~0.5% of inputs to the library's path.
 */
export const MIDPOINT_MARGIN = 2 ** -32;

/**
 * powf(|x|, 2), the same float32 as {@link powfSquare}, faster: the exact square x x (a double)
 * rounded once to float32, unless it lies within {@link MIDPOINT_MARGIN} of halfway between two
 * float32s, where powf's error could round it the other way; those (~0.5% of inputs) and squares
 * outside the normal float32 range take {@link powfSquare}. The distance is read from the low
 * bits of the significand's square: m m mod 2^24 (or 2^23 for a 47-bit square) against half of it.
 *
 * @param x - the float32 value
 * @param bits - its bits; the sign bit is ignored
 * @returns the same float32 as powfSquare(x, bits)
 * @example fastPowfSquare(3, 0x40400000); // 9
 */
export function fastPowfSquare(x: number, bits: number): number {
  const ix = bits & 0x7fffffff;
  if (ix >= SQUARE_LO && ix < SQUARE_HI) {
    const m = (ix & 0x7fffff) | 0x800000;
    const low = Math.imul(m, m); // m m mod 2^32, whose low 24 bits are the ones the rounding drops
    const away = m >= WIDE_SQUARE ? (low & 0xffffff) - 0x800000 : (low & 0x7fffff) - 0x400000;
    if ((away < 0 ? -away : away) > MIDPOINT_MARGIN * m * m) return Math.fround(x * x);
  }
  return powfSquare(x, bits);
}

/**
 * sum_i powf(|x_i|, 2) over `x` in index order, each add rounded to float32: tfjs's Abs, Pow
 * (exponent 2) and Sum-over-every-axis kernels in one pass, the same float32.
 *
 * @param x - the values [D], float32
 * @param bits - the same data as a Uint32Array
 * @returns the float32 sum (0 for no values)
 */
export function sumPowfSquares(x: Float32Array, bits: Uint32Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s = Math.fround(s + fastPowfSquare(x[i], bits[i]));
  return s;
}
