/** Helpers shared by the lib tests: fixtures, closeness (the one assertClose), leak checks, statistics. */
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { tf } from "dlcourse";

/** Reads tests/fixtures/<topic>/<file>. */
export function fixture<T = any>(topic: string, file: string): T {
  return JSON.parse(fs.readFileSync(path.join(__dirname, "..", "fixtures", topic, file), "utf8")) as T;
}

/** Flattens nested number arrays. */
export function flat(x: unknown): number[] {
  return Array.isArray(x) ? x.flatMap(flat) : [x as number];
}

/** Tolerances of {@link assertClose}: |actual - expected| <= atol + rtol |expected|. */
export interface Tolerance {
  /** Relative tolerance. Default 1e-5. */
  rtol?: number;
  /** Absolute tolerance. Default 1e-6. */
  atol?: number;
}

/** float32 results against PyTorch's float32 after many steps (optimizer trajectories). */
export const TORCH_STEPS: Tolerance = { rtol: 1e-4, atol: 1e-5 };

/**
 * Asserts |actual - expected| <= atol + rtol |expected| elementwise (NaN matches NaN), naming
 * the first miss. The one closeness check of the tests: actual first, then expected, then what.
 * @param actual - a tensor, a (nested) number array or a number
 * @param expected - a (nested) number array or a number, e.g. from a fixture
 * @param what - name used in the message
 * @param tol - tolerances; default rtol 1e-5, atol 1e-6
 */
export function assertClose(actual: tf.Tensor | unknown[] | number, expected: unknown, what = "", tol: Tolerance = {}): void {
  const { rtol = 1e-5, atol = 1e-6 } = tol;
  const a = typeof actual === "number" ? [actual] : Array.isArray(actual) ? flat(actual) : Array.from((actual as tf.Tensor).dataSync());
  const e = flat(expected);
  assert.equal(a.length, e.length, `${what}: length ${a.length} vs ${e.length}`);
  for (let i = 0; i < a.length; i++) {
    const ok = (Number.isNaN(e[i]) && Number.isNaN(a[i])) || a[i] === e[i] || Math.abs(a[i] - e[i]) <= atol + rtol * Math.abs(e[i]);
    assert.ok(ok, `${what}[${i}]: got ${a[i]}, expected ${e[i]} (rtol ${rtol}, atol ${atol})`);
  }
}

/** Runs `fn` and asserts that it leaves no new tensor behind. */
export async function noLeaks(fn: () => unknown | Promise<unknown>): Promise<void> {
  const before = tf.memory().numTensors;
  await fn();
  assert.equal(tf.memory().numTensors, before, "tensors leaked");
}

/** Mean, standard deviation (unbiased), min and max of a tensor, in double precision. */
export function describe(t: tf.Tensor): { n: number; mean: number; std: number; min: number; max: number } {
  const v = t.dataSync();
  let s = 0, min = Infinity, max = -Infinity;
  for (const x of v) { s += x; if (x < min) min = x; if (x > max) max = x; }
  const mean = s / v.length;
  let ss = 0;
  for (const x of v) ss += (x - mean) ** 2;
  return { n: v.length, mean, std: Math.sqrt(ss / (v.length - 1)), min, max };
}

/**
 * Asserts bit-for-bit equality: the same shape, and every element the same float (NaN matches
 * NaN, -0 only -0), naming the first miss. For speed-ups that promise the bits of the path they replace.
 * @param actual - the tensor under test
 * @param expected - the reference tensor
 * @param what - name used in the message
 */
export function assertSameBits(actual: tf.Tensor, expected: tf.Tensor, what = ""): void {
  assert.deepEqual(actual.shape, expected.shape, `${what}: shape`);
  const [a, e] = [actual.dataSync(), expected.dataSync()];
  for (let i = 0; i < e.length; i++) assert.ok(Object.is(a[i], e[i]), `${what}[${i}]: got ${a[i]}, expected ${e[i]}`);
}
