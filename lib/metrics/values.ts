/** Input handling shared by the metrics: arrays or tensors in, plain JS numbers out. */
import { tf } from "../backend";
import type { Vector } from "../core/types";

export type { Vector };

/**
 * Returns the values of `x` as numbers.
 * @throws Error naming fn and the argument if x is not 1-D (or [N, 1]) or holds a non-finite value
 */
export function toValues(fn: string, name: string, x: Vector): number[] {
  let v: number[];
  if (x instanceof tf.Tensor) {
    if (!(x.rank === 1 || (x.rank === 2 && x.shape[1] === 1))) {
      throw new Error(`${fn}: expected ${name} as a 1-D tensor [N], got [${x.shape.join(", ")}]`);
    }
    v = Array.from(x.dataSync());
  } else if (x != null && typeof x.length === "number") {
    v = Array.from(x);
    if (v.some((e) => typeof e !== "number")) throw new Error(`${fn}: expected ${name} as an array of numbers`);
  } else {
    throw new Error(`${fn}: expected ${name} as an array or a tensor, got ${typeof x}`);
  }
  const bad = v.findIndex((e) => !Number.isFinite(e));
  if (bad >= 0) throw new Error(`${fn}: expected finite values in ${name}, got ${name}[${bad}] = ${v[bad]}`);
  return v;
}

/** Both arguments as numbers, with equal lengths N >= 1. */
export function toPair(fn: string, a: [string, Vector], b: [string, Vector]): [number[], number[]] {
  const [va, vb] = [toValues(fn, a[0], a[1]), toValues(fn, b[0], b[1])];
  if (va.length !== vb.length) throw new Error(`${fn}: expected ${a[0]} and ${b[0]} of the same length, got ${va.length} and ${vb.length}`);
  if (va.length === 0) throw new Error(`${fn}: expected at least one sample, got empty ${a[0]}`);
  return [va, vb];
}

/** Sorted distinct values of the given arrays. */
export function uniqueSorted(...arrays: number[][]): number[] {
  return Array.from(new Set(arrays.flat())).sort((x, y) => x - y);
}
