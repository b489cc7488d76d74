/**
 * Seeded randomness, so that every run of a notebook draws the same numbers: a small generator
 * for JS-side sampling (batch order, spirals, augmentation) and the seed fix for tfjs's samplers.
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

/**
 * tfjs's normal samplers treat a seed of 0 as "no seed" (`seed ? seed : Math.random()`); this
 * maps 0 to another fixed value so seed 0 is reproducible like every other seed.
 *
 * @param seed - the caller's seed, or undefined for unseeded
 * @returns the seed to pass to `tf.randomNormal` / `tf.truncatedNormal`
 * @example tf.randomNormal([2, 3], 0, 1, "float32", normalSeed(0));
 */
export function normalSeed(seed: number | undefined): number | undefined {
  return seed === 0 ? Number.MIN_VALUE : seed;
}
