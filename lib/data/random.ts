/**
 * A small seeded random number generator, so that batch order is reproducible run to run.
 */

/** A source of uniform floats in [0, 1). */
export type Rng = () => number;

/**
 * mulberry32: a 32-bit-state generator, fast and good enough for shuffling and sampling
 * (not for cryptography).
 *
 * @param seed - any integer (taken modulo 2^32)
 * @returns a function giving the next float in [0, 1)
 * @throws Error if `seed` is not a finite integer
 * @example
 * const rng = seededRng(42);
 * rng(); // same value on every run
 */
export function seededRng(seed: number): Rng {
  if (!Number.isInteger(seed)) throw new Error(`seededRng: expected an integer seed, got ${seed}`);
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
