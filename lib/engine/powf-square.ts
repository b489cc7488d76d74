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

/** Doubles from their IEEE bit patterns (hex), as the library's tables give them. */
function doubles(hex: string): Float64Array {
  const words = hex.trim().split(/\s+/);
  const view = new DataView(new ArrayBuffer(8 * words.length));
  words.forEach((w, i) => view.setBigUint64(8 * i, BigInt(`0x${w}`)));
  return Float64Array.from(words, (_, i) => view.getFloat64(8 * i));
}

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
/** exp2 step: 2^(j/32), j = 0..31 (the library's table plus the j << 47 it subtracts). */
const EXP_TAB = doubles(`
  3ff0000000000000 3ff059b0d3158574 3ff0b5586cf9890f 3ff11301d0125b51 3ff172b83c7d517b 3ff1d4873168b9aa
  3ff2387a6e756238 3ff29e9df51fdee1 3ff306fe0a31b715 3ff371a7373aa9cb 3ff3dea64c123422 3ff44e086061892d
  3ff4bfdad5362a27 3ff5342b569d4f82 3ff5ab07dd485429 3ff6247eb03a5585 3ff6a09e667f3bcd 3ff71f75e8ec5f74
  3ff7a11473eb0187 3ff82589994cce13 3ff8ace5422aa0db 3ff93737b0cdc5e5 3ff9c49182a3f090 3ffa5503b23e255d
  3ffae89f995ad3ad 3ffb7f76f2fb5e47 3ffc199bdd85529c 3ffcb720dcef9069 3ffd5818dcfba487 3ffdfc97337b9b5f
  3ffea4afa2a490da 3fff50765b6e4540`);
/** 2^r ~ (C0 r + C1) r^2 + (C2 r + 1). */
const [C0, C1, C2] = doubles("3fac6af84b912394 3fcebfce50fac4f3 3fe62e42ff0c52d6");
/** Adding it rounds a double in (-2^46, 2^46) to a multiple of 1/32 (0x1.8p+52 / 32). */
const SHIFT = 1.5 * 2 ** 47;
/** 2^q for q in [-POW2_BIAS, POW2_BIAS]: the exp2 step's scale, |2 log2 x| < 300. */
const POW2_BIAS = 160;
const POW2 = Float64Array.from({ length: 2 * POW2_BIAS + 1 }, (_, i) => 2 ** (i - POW2_BIAS));

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
  const s = EXP_TAB[k & 31] * POW2[(k >> 5) + POW2_BIAS];
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
  for (let i = 0; i < x.length; i++) s = Math.fround(s + powfSquare(x[i], bits[i]));
  return s;
}
