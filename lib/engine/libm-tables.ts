/**
 * What lib/engine's ports of the C library's float32 math (powf-square.ts, expf-logf.ts) share:
 * the tables of musl's exp2f_data (Arm's optimized-routines, MIT), which `powf`, `expf` and
 * `exp2f` all use, and the powers of two that stand in for the library's exponent-bit tricks.
 * tfjs-backend-wasm is built with Emscripten, whose C library is musl's, so these are the
 * numbers its Pow, Exp and Log kernels compute with.
 */

/** Doubles from their IEEE bit patterns (hex), as the library's tables give them. */
export function doubles(hex: string): Float64Array {
  const words = hex.trim().split(/\s+/);
  const view = new DataView(new ArrayBuffer(8 * words.length));
  words.forEach((w, i) => view.setBigUint64(8 * i, BigInt(`0x${w}`)));
  return Float64Array.from(words, (_, i) => view.getFloat64(8 * i));
}

/** 2^(j/32), j = 0..31: exp2f_data's table plus the j << 47 it subtracts (its bits stand for 2^(j/32) 2^(k >> 5) once k << 47 is added back). */
export const EXP2_TAB = doubles(`
  3ff0000000000000 3ff059b0d3158574 3ff0b5586cf9890f 3ff11301d0125b51 3ff172b83c7d517b 3ff1d4873168b9aa
  3ff2387a6e756238 3ff29e9df51fdee1 3ff306fe0a31b715 3ff371a7373aa9cb 3ff3dea64c123422 3ff44e086061892d
  3ff4bfdad5362a27 3ff5342b569d4f82 3ff5ab07dd485429 3ff6247eb03a5585 3ff6a09e667f3bcd 3ff71f75e8ec5f74
  3ff7a11473eb0187 3ff82589994cce13 3ff8ace5422aa0db 3ff93737b0cdc5e5 3ff9c49182a3f090 3ffa5503b23e255d
  3ffae89f995ad3ad 3ffb7f76f2fb5e47 3ffc199bdd85529c 3ffcb720dcef9069 3ffd5818dcfba487 3ffdfc97337b9b5f
  3ffea4afa2a490da 3fff50765b6e4540`);

/** exp2f_data's poly: 2^(r/32) ~ (P0 r + P1) r^2 + (P2 r + 1) for r in [-1/64, 1/64] (powf's step; expf scales them by 32^-3, 32^-2, 32^-1). */
export const [EXP2_P0, EXP2_P1, EXP2_P2] = doubles("3fac6af84b912394 3fcebfce50fac4f3 3fe62e42ff0c52d6");

/** 2^q for q in [-POW2_BIAS, POW2_BIAS], at POW2[q + POW2_BIAS]: the scales the library sets in exponent bits. */
export const POW2_BIAS = 160;
export const POW2 = Float64Array.from({ length: 2 * POW2_BIAS + 1 }, (_, i) => 2 ** (i - POW2_BIAS));
