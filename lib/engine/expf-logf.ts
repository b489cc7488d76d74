/**
 * `expf` and `logf` as tfjs-backend-wasm's C library computes them, in JS, bit for bit: what its
 * Exp and Log kernels give for each float32.
 *
 * Why: the one-kernel cross-entropy (fused-cross-entropy.ts) called those kernels inside its own
 * for the softmax's exponentials and the log of their sum, ~8 ns an element plus an output
 * buffer each: a quarter of the loss's time in the spiral's step.
 *
 * The library is musl's (Emscripten's), whose expf and logf are Arm's optimized-routines
 * algorithms (MIT), every step a double operation, then one rounding to float32:
 * - expf: k = round(32 x / ln 2), r = 32 x / ln 2 - k; 2^(k/32) from a 32-entry table
 *   (./libm-tables.ts) times a cubic in r.
 * - logf: x = 2^k z with z near 1, split into 16 subintervals; log(z / c) + log(c) + k ln 2 with
 *   1/c and log(c) from a table and a cubic in r = z / c - 1.
 * WebAssembly has no fused multiply-add and JS numbers are IEEE doubles, so the same operations in
 * the same order give the same doubles. The library's bit tricks (reading k from a shifted double's
 * bits, adding k into an exponent field) are replaced by the exact operations they stand for.
 * Checked against the wasm Exp and Log kernels for all 2^32 float32 inputs (bench/expf-logf-exact.ts)
 * and in tests/engine/expf-logf.test.ts. NaN inputs give NaN (the payload is not kept).
 */
import { doubles, EXP2_TAB, EXP2_P0, EXP2_P1, EXP2_P2, POW2, POW2_BIAS } from "./libm-tables";

/** 32 / ln 2 (exp2f_data's invln2_scaled). */
const INV_LN2_32 = doubles("3ff71547652b82fe")[0] * 32;
/** expf's cubic: exp2f_data's poly scaled by 32^-3, 32^-2, 32^-1 (exact: powers of two). */
const [E0, E1, E2] = [EXP2_P0 / 32768, EXP2_P1 / 1024, EXP2_P2 / 32];
/** Adding and subtracting it rounds a double below 2^51 to an integer, ties to even (0x1.8p+52). */
const ROUND = 1.5 * 2 ** 52;
/** Past these expf overflows to infinity (x > log 2^128) or underflows to 0 (x < log 2^-150). */
const [EXP_OVER, EXP_UNDER] = [88.72283172607422, -103.97207641601562]; // 0x1.62e42ep6, -0x1.9fe368p6

/**
 * expf(x) of a float32, as musl computes it.
 *
 * @param x - the float32 value
 * @returns e^x as a float32 value: Infinity past ~88.72, 0 below ~-103.97, NaN for NaN
 * @example expf(0); // 1
 */
export function expf(x: number): number {
  // One test for the usual inputs (a NaN fails it too); three made expf 2x slower in a loop.
  if (!(x >= EXP_UNDER && x <= EXP_OVER)) return x !== x ? x : x > 0 ? Infinity : 0;
  const z = INV_LN2_32 * x;
  const kd = z + ROUND - ROUND;
  const r = z - kd;
  const k = kd | 0;
  const s = EXP2_TAB[k & 31] * POW2[(k >> 5) + POW2_BIAS];
  // The library's order: p = E0 r + E1, then p r^2 + (E2 r + 1), each operation rounded alone.
  const y = (E0 * r + E1) * (r * r) + (E2 * r + 1);
  return Math.fround(y * s);
}

/** logf's table: [1/c, log c] for 16 subintervals of z in [0x3f330000, 0x3fb30000) (float bits). */
const LOG_TAB = doubles(`
  3ff661ec79f8f3be bfd57bf7808caade 3ff571ed4aaf883d bfd2bef0a7c06ddb 3ff49539f0f010b0 bfd01eae7f513a67
  3ff3c995b0b80385 bfcb31d8a68224e9 3ff30d190c8864a5 bfc6574f0ac07758 3ff25e227b0b8ea0 bfc1aa2bc79c8100
  3ff1bb4a4a1a343f bfba4e76ce8c0e5e 3ff12358f08ae5ba bfb1973c5a611ccc 3ff0953f419900a7 bfa252f438e10c1e
  3ff0000000000000 0000000000000000 3fee608cfd9a47ac 3faaa5aa5df25984 3feca4b31f026aa0 3fbc5e53aa362eb4
  3feb2036576afce6 3fc526e57720db08 3fe9c2d163a1aa2d 3fcbc2860d224770 3fe886e6037841ed 3fd1058bc8a07ee1
  3fe767dcf5534862 3fd4043057b6ee09`);
/** ln 2, and log(1 + r) ~ r + L0 r^4 + L1 r^3 + L2 r^2 as logf evaluates it. */
const [LN2, L0, L1, L2] = doubles("3fe62e42fefa39ef bfd00ea348b88334 3fd5575b0be00b6a bfdffffef20a4123");

/** The smallest normal float32, 2^-126. */
const MIN_NORMAL = 1.1754943508222875e-38;
const word = new Uint32Array(1);
const wordF = new Float32Array(word.buffer);

/**
 * logf(x) of a float32, as musl computes it.
 *
 * @param x - the float32 value
 * @returns ln x as a float32 value: -Infinity at 0, Infinity at Infinity, NaN below 0 and for NaN
 * @example logf(1); // 0
 */
export function logf(x: number): number {
  if (!(x >= MIN_NORMAL && x < Infinity) || x === 1) return logfRare(x);
  wordF[0] = x;
  return logOf(x, word[0]);
}

/** logf of 1, zero, subnormal, infinite, negative and NaN x. */
function logfRare(x: number): number {
  if (x === 1) return 0;
  if (x === 0) return -Infinity;
  if (x === Infinity) return x;
  if (!(x > 0)) return NaN; // negative or NaN
  return logOf(x, normalizedBits(x));
}

/** The bits of a subnormal float32 `x` as the library normalizes them: those of x 2^23, minus 23 in the exponent field. */
function normalizedBits(x: number): number {
  wordF[0] = x * 2 ** 23;
  return (word[0] - (23 << 23)) | 0;
}

/** logf's main path for x > 0 whose (normalized) bits are `ix`: x = 2^k z, z = x 2^-k exactly. */
function logOf(x: number, ix: number): number {
  const tmp = (ix - 0x3f330000) | 0;
  const i = (tmp >> 19) & 15;
  const k = tmp >> 23;
  const z = x * POW2[POW2_BIAS - k];
  const r = z * LOG_TAB[2 * i] - 1;
  const y0 = LOG_TAB[2 * i + 1] + k * LN2;
  const r2 = r * r;
  const y = (L0 * r2 + (L1 * r + L2)) * r2 + (y0 + r);
  return Math.fround(y);
}
