/**
 * The two scans that let ./kernel.ts skip the terms of a product whose left factor is zero (the
 * pixels of MNIST's background, units a ReLU switched off), as WebAssembly function bodies for
 * ./module.ts:
 *
 *   nonzeroK(pa, sai, sak, K, pidx, sbk) -> count
 *     the k in 0..K-1 where any of A's four rows at pa (sai bytes apart) is not +-0 at pa + k sak,
 *     written as the i32 pairs (k sak, k sbk) to pidx, pidx + 8, ...; returns how many.
 *   finite(p, n) -> 1 if the n floats at p (n a multiple of 4) are all finite, else 0.
 *
 * Why skipping is exact: with B's row k finite, a zero a gives a b = +-0, and adding +-0 to the
 * running sum leaves it unchanged unless the sum is -0, which it never is when it starts from +0
 * (the caller checks a bias for -0). Non-finite B rows would make 0 b NaN: then nothing is skipped.
 */
import { I32, V128, addTo, get, i32, loop, mem, set, simd, uleb, vec, type Code } from "../wasm-bytes";

const [ADD, SUB, MUL, SHL, AND, OR, NE, GE_U, LOAD, STORE] = [[0x6a], [0x6b], [0x6c], [0x74], [0x71], [0x72], [0x47], [0x4f], [0x28], [0x36]];
const [V_LOAD, F_NE, V_OR, ANY_TRUE, F_SUB] = [0x00, 0x42, 0x50, 0x53, 0xe5].map(simd);
const body = (locals: [number, number][], code: Code): Code => {
  const fn = [...vec(locals.map(([n, t]) => [...uleb(n), t])), ...code, 0x0b];
  return [...uleb(fn.length), ...fn];
};

/** nonzeroK's body: params pa, sai, sak, K, pidx, sbk; locals kk, count, p, q (the pair's address), boff. */
export function nonzeroKCode(): Code {
  const [PA, SAI, SAK, K, PIDX, SBK, KK, CNT, P, Q, BOFF] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const row = (r: number): Code => [...get(P), ...(r === 0 ? [] : [...get(SAI), ...i32(r), ...MUL, ...ADD]), ...LOAD, ...mem()];
  return body([[5, I32]], [
    ...get(PA), ...set(P),
    ...loop([...get(KK), ...get(K), ...GE_U], [
      // the pair always goes to slot `count`; count advances only where a row is non-zero (no branch)
      ...get(PIDX), ...get(CNT), ...i32(3), ...SHL, ...ADD, ...set(Q),
      ...get(Q), ...get(P), ...get(PA), ...SUB, ...STORE, ...mem(),
      ...get(Q), ...get(BOFF), ...STORE, ...mem(4),
      ...row(0), ...row(1), ...OR, ...row(2), ...OR, ...row(3), ...OR, ...i32(0x7fffffff), ...AND, ...i32(0), ...NE,
      ...get(CNT), ...ADD, ...set(CNT),
      ...addTo(P, get(SAK)), ...addTo(BOFF, get(SBK)), ...addTo(KK, i32(1)),
    ]),
    ...get(CNT),
  ]);
}

/** finite's body: params p, n; locals end, bad, x, d (v128). x - x is NaN exactly for infinities and NaN. */
export function finiteCode(): Code {
  const [P, NN, END, BAD, X, D] = [0, 1, 2, 3, 4, 5];
  return body([[1, I32], [3, V128]], [
    ...get(P), ...get(NN), ...i32(2), ...SHL, ...ADD, ...set(END),
    ...loop([...get(P), ...get(END), ...GE_U], [
      ...get(P), ...V_LOAD, ...mem(), ...set(X), ...get(X), ...get(X), ...F_SUB, ...set(D),
      ...get(BAD), ...get(D), ...get(D), ...F_NE, ...V_OR, ...set(BAD),
      ...addTo(P, i32(16)),
    ]),
    ...i32(1), ...get(BAD), ...ANY_TRUE, ...[0x6b], // 1 - any_true(bad)
  ]);
}
