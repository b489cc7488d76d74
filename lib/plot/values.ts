/**
 * Input conversion: every helper accepts plain arrays, typed arrays and tf tensors, and writes
 * plain JSON (finite numbers or null) into the figure.
 */

import type { Tensor } from "@tensorflow/tfjs";
import type { Matrix, TensorLike, Vector } from "../core/types";

export type { Matrix, TensorLike, Vector };

/** Whether `x` is a tensor (what the helpers read of one: its shape and `arraySync`; nothing is disposed). */
export function isTensor(x: unknown): x is Tensor {
  return typeof x === "object" && x !== null && Array.isArray((x as Tensor).shape) && typeof (x as Tensor).arraySync === "function";
}

/** Plain number, with NaN and ±Infinity as null (JSON has neither; Plotly shows a gap). */
export function clean(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

function describe(x: unknown): string {
  if (isTensor(x)) return `a tensor of shape [${x.shape.join(", ")}]`;
  if (x === null || x === undefined) return String(x);
  if (typeof x === "object" && "length" in (x as object)) return `an array of length ${(x as ArrayLike<unknown>).length}`;
  return `${typeof x} ${JSON.stringify(x)}`;
}

/**
 * Reads a 1-D series.
 *
 * @param where - "helper: argument" for error messages
 * @throws Error if `x` is not a number array or a tensor of shape [N] or [N, 1]
 */
export function toVector(x: Vector, where: string): number[] {
  if (isTensor(x)) {
    const s = x.shape;
    if (s.length === 1 || (s.length === 2 && s[1] === 1)) return (x.arraySync() as number[] | number[][]).flat() as number[];
    throw new Error(`${where}: expected a tensor of shape [N] or [N, 1], got [${s.join(", ")}]`);
  }
  if (x === null || typeof x !== "object" || typeof (x as ArrayLike<number>).length !== "number") {
    throw new Error(`${where}: expected an array of numbers or a 1-D tensor, got ${describe(x)}`);
  }
  const out = Array.from(x as ArrayLike<number>);
  const bad = out.findIndex((v) => typeof v !== "number");
  if (bad >= 0) throw new Error(`${where}: expected numbers, got ${describe(out[bad])} at index ${bad}`);
  return out;
}

/**
 * Reads a 2-D array with rows of equal length.
 *
 * @param cols - required number of columns, if any
 * @throws Error if `x` is not rectangular, or has the wrong number of columns
 */
export function toMatrix(x: Matrix, where: string, cols?: number): number[][] {
  let rows: number[][];
  if (isTensor(x)) {
    if (x.shape.length !== 2) throw new Error(`${where}: expected a 2-D tensor${cols ? ` [N, ${cols}]` : ""}, got [${x.shape.join(", ")}]`);
    rows = x.arraySync() as number[][];
  } else {
    if (x === null || typeof x !== "object" || typeof (x as ArrayLike<unknown>).length !== "number") {
      throw new Error(`${where}: expected a 2-D array or tensor, got ${describe(x)}`);
    }
    rows = Array.from(x as ArrayLike<ArrayLike<number>>, (r, i) => toVector(r, `${where} row ${i}`));
  }
  const width = rows[0]?.length ?? 0;
  const ragged = rows.findIndex((r) => r.length !== width);
  if (ragged >= 0) throw new Error(`${where}: rows must have equal length, row 0 has ${width} and row ${ragged} has ${rows[ragged].length}`);
  if (cols !== undefined && rows.length > 0 && width !== cols) throw new Error(`${where}: expected [N, ${cols}], got [${rows.length}, ${width}]`);
  return rows;
}

/** `n` evenly spaced numbers from `a` to `b` inclusive (n >= 2). */
export function linspace(a: number, b: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => a + ((b - a) * i) / (n - 1));
}

/** Checks a [min, max] interval. */
export function checkRange(r: unknown, where: string): [number, number] {
  const ok = Array.isArray(r) && r.length === 2 && r.every((v) => Number.isFinite(v)) && r[0] < r[1];
  if (!ok) throw new Error(`${where}: expected [min, max] with min < max, got ${JSON.stringify(r)}`);
  return r as [number, number];
}

/** Checks a whole number in [lo, hi]. */
export function checkInt(n: unknown, lo: number, hi: number, where: string): number {
  if (!Number.isInteger(n) || (n as number) < lo || (n as number) > hi) throw new Error(`${where}: expected an integer in [${lo}, ${hi}], got ${JSON.stringify(n)}`);
  return n as number;
}
