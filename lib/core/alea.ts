/**
 * tfjs's uniform random stream (what `tf.randomUniform` draws: seedrandom's Alea seeded with
 * `String(seed)`), reproduced bit for bit but drawn several times faster, so that a faster dropout
 * mask changes no notebook's numbers.
 *
 * Alea is a lag-3 multiply-with-carry generator: x(n+1) = (A x(n-2) + c(n)) mod 2^32, carry
 * c(n+1) = floor((A x(n-2) + c(n)) / 2^32), output x(n+1) / 2^32. Each draw waits for the previous
 * carry, so one stream is bound by that chain's latency (~6 ns a draw). The generator is
 * equivalent to a linear congruential one on V = A (x(n-2) + 2^32 x(n-1) + 2^64 x(n)) + c(n):
 * V(n+1) = V(n) / 2^32 mod (A 2^96 - 1), so the state k draws ahead is one modular power away.
 * {@link fillUniform} jumps to four points of the output and runs the four streams interleaved.
 */

const A = 2091639;
const INV_B = 2.3283064365386963e-10; // 2^-32
const M = BigInt(A) * 2n ** 96n - 1n;
/** 2^-32 mod M: since A 2^96 = 1 (mod M), the inverse of 2^32 is A 2^64. */
const STEP = BigInt(A) * 2n ** 64n;

/** Alea's state as integers: the last three outputs times 2^32 (x0 oldest) and the carry. */
export interface AleaState {
  x0: number;
  x1: number;
  x2: number;
  c: number;
}

/** Baagøe's Mash hash as seedrandom writes it: each call folds `data` into the running n. */
function mash(): (data: string) => number {
  let n = 0xefc8249d;
  return (data) => {
    for (let i = 0; i < data.length; i++) {
      n += data.charCodeAt(i);
      let h = 0.02519603282416938 * n;
      n = h >>> 0;
      h -= n;
      h *= n;
      n = h >>> 0;
      h -= n;
      n += h * 0x100000000;
    }
    return (n >>> 0) * INV_B;
  };
}

/**
 * Alea's state after seeding, as `tf.randomUniform(shape, min, max, dtype, seed)` seeds it.
 * @param seed - tfjs's seed; undefined draws one from Math.random, as tfjs does
 * @returns the state before the first draw
 * @example const s = aleaSeed(42); // tf.randomUniform([3], 0, 1, "float32", 42)'s generator
 */
export function aleaSeed(seed: number | string | undefined): AleaState {
  const m = mash();
  const key = String(seed ?? Math.random());
  const s = [m(" "), m(" "), m(" ")];
  for (let i = 0; i < 3; i++) {
    s[i] -= m(key);
    if (s[i] < 0) s[i] += 1;
  }
  // Each s is a multiple of 2^-32 in [0, 1), so the products are exact integers.
  return { x0: s[0] * 2 ** 32, x1: s[1] * 2 ** 32, x2: s[2] * 2 ** 32, c: 1 };
}

function powMod(base: bigint, e: bigint, m: bigint): bigint {
  let r = 1n;
  for (let b = base % m; e > 0n; e >>= 1n, b = (b * b) % m) if (e & 1n) r = (r * b) % m;
  return r;
}

/** STEP^k mod M by k, for the few jump lengths a program uses (a mask's shape fixes them): ~7 us each to compute. */
const powers = new Map<number, bigint>();
const MAX_POWERS = 64;

function stepPower(k: number): bigint {
  let p = powers.get(k);
  if (p == null) {
    p = powMod(STEP, BigInt(k), M);
    if (powers.size >= MAX_POWERS) powers.delete(powers.keys().next().value as number);
    powers.set(k, p);
  }
  return p;
}

/**
 * The state `k` draws after `s`, through the congruential form: V times (2^-32)^k mod M.
 * @param s - a state from {@link aleaSeed} (or a jump)
 * @param k - how many draws to skip, an integer >= 0
 * @returns the state, or null for the two states that form no cycle (V = 0 or M)
 * @example aleaJump(aleaSeed(1), 1000); // the state before draw 1001 of tf.randomUniform(..., 1)
 */
export function aleaJump(s: AleaState, k: number): AleaState | null {
  const a = BigInt(A);
  const v = a * (BigInt(s.x0) + (BigInt(s.x1) << 32n) + (BigInt(s.x2) << 64n)) + BigInt(s.c);
  if (v === 0n || v === M) return null;
  const w = (v * stepPower(k)) % M;
  const q = w / a;
  const mask = 0xffffffffn;
  return { x0: Number(q & mask), x1: Number((q >> 32n) & mask), x2: Number(q >> 64n), c: Number(w % a) };
}

/**
 * Writes the next out.length uniforms of the stream into `out`, each min + range * u rounded to
 * float32, as `tf.randomUniform` stores them.
 * @param out - the destination, filled in stream order
 * @param state - from {@link aleaSeed}; not modified
 * @param min - lower bound; default 0
 * @param range - max - min; default 1
 * @example const u = new Float32Array(6); fillUniform(u, aleaSeed(7)); // tf.randomUniform([6], 0, 1, "float32", 7)
 */
export function fillUniform(out: Float32Array, state: AleaState, min = 0, range = 1): void {
  // An int32 lane length (`>> 2`, not Math.floor), captured by no closure, keeps V8's index
  // arithmetic in registers: either costs the loop 3x.
  const len = out.length >= 4096 ? (out.length + 3) >> 2 : 0;
  const ends: (AleaState | null)[] = [];
  for (let k = 1; k <= 3; k++) ends.push(aleaJump(state, k * len));
  if (len === 0 || ends.includes(null)) return fillSequential(out, state, min, range);
  fillFour(out, len, Float64Array.from([state, ...(ends as AleaState[])].flatMap((e) => [e.x0 * INV_B, e.x1 * INV_B, e.x2 * INV_B, e.c])), min, range);
}

/*
 * The loops live in functions with nothing after the loop: V8 compiles a long loop on its first
 * call on the fly (OSR), before the code after it has run, and that code then had no type
 * feedback and sent every later call back to the interpreter (a soft deoptimization that reuses
 * the same compiled loop: measured 37 ns a draw inside model.fit instead of 1.5).
 */

/** Lanes of `len` draws at 0, len, 2 len, 3 len (the last one shorter), from the states in `st`. */
function fillFour(out: Float32Array, len: number, st: Float64Array, min: number, range: number): void {
  // Loaded from a Float64Array, the 16 chain variables stay unboxed doubles in V8's loop.
  let a0 = st[0], a1 = st[1], a2 = st[2], ac = st[3];
  let b0 = st[4], b1 = st[5], b2 = st[6], bc = st[7];
  let c0 = st[8], c1 = st[9], c2 = st[10], cc = st[11];
  let d0 = st[12], d1 = st[13], d2 = st[14], dc = st[15];
  const lastLen = out.length - 3 * len;
  // Alea's own arithmetic, four independent chains so the CPU overlaps their latencies. t >= 0,
  // so floor is seedrandom's `t | 0`; V8 compiles floor to one instruction, `| 0` with a range check.
  for (let i = 0; i < len; i++) {
    const ta = 2091639 * a0 + ac * INV_B, tb = 2091639 * b0 + bc * INV_B;
    const tc = 2091639 * c0 + cc * INV_B, td = 2091639 * d0 + dc * INV_B;
    a0 = a1; a1 = a2; ac = Math.floor(ta); a2 = ta - ac;
    b0 = b1; b1 = b2; bc = Math.floor(tb); b2 = tb - bc;
    c0 = c1; c1 = c2; cc = Math.floor(tc); c2 = tc - cc;
    d0 = d1; d1 = d2; dc = Math.floor(td); d2 = td - dc;
    out[i] = min + range * a2;
    out[len + i] = min + range * b2;
    out[2 * len + i] = min + range * c2;
    if (i < lastLen) out[3 * len + i] = min + range * d2;
  }
}

/** The plain one-stream loop. */
function fillSequential(out: Float32Array, s: AleaState, min: number, range: number): void {
  const st = Float64Array.of(s.x0 * INV_B, s.x1 * INV_B, s.x2 * INV_B, s.c);
  let s0 = st[0], s1 = st[1], s2 = st[2], c = st[3];
  for (let i = 0; i < out.length; i++) {
    const t = 2091639 * s0 + c * INV_B;
    s0 = s1;
    s1 = s2;
    c = Math.floor(t);
    s2 = t - c;
    out[i] = min + range * s2;
  }
}
