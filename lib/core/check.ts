/**
 * Argument checks shared by the layers, losses and metrics: turn arrays into tensors and fail
 * early with a message naming the function, the argument, what was expected and what arrived.
 */
import { tf } from "../backend";
import type { TensorLike } from "./types";

export type { TensorLike };

/** Formats a shape as "[2, 3]". */
export function shapeStr(shape: readonly number[]): string {
  return `[${shape.join(", ")}]`;
}

/**
 * Returns `x` as a float32 tensor (tensors pass through, arrays are converted).
 * @throws Error naming `fn` and `name` if `x` is neither a tensor nor a numeric array
 */
export function asTensor(fn: string, name: string, x: TensorLike): tf.Tensor {
  if (x instanceof tf.Tensor) return x;
  if (!Array.isArray(x)) throw new Error(`${fn}: expected ${name} as a tensor or number array, got ${typeof x}`);
  return tf.tensor(x as number[]);
}

/**
 * Asserts the rank of `x` and, where `dims[i]` is a number, its size along axis i.
 * @throws Error like "nn.denseForward: expected w [4, M], got [5, 3]"
 */
export function expectShape(fn: string, name: string, x: tf.Tensor, dims: (number | string)[]): void {
  const ok = x.rank === dims.length && dims.every((d, i) => typeof d === "string" || x.shape[i] === d);
  if (!ok) throw new Error(`${fn}: expected ${name} [${dims.join(", ")}], got ${shapeStr(x.shape)}`);
}

/** Asserts that two tensors have the same shape. */
export function expectSameShape(fn: string, nameA: string, a: tf.Tensor, nameB: string, b: tf.Tensor): void {
  if (a.shape.length !== b.shape.length || a.shape.some((d, i) => d !== b.shape[i])) {
    throw new Error(`${fn}: expected ${nameA} and ${nameB} of the same shape, got ${shapeStr(a.shape)} and ${shapeStr(b.shape)}`);
  }
}

/** Asserts lo <= value <= hi (strict where asked). */
export function expectInRange(fn: string, name: string, value: number, lo: number, hi: number, hiOpen = false): void {
  const ok = Number.isFinite(value) && value >= lo && (hiOpen ? value < hi : value <= hi);
  if (!ok) throw new Error(`${fn}: expected ${name} in [${lo}, ${hi}${hiOpen ? ")" : "]"}, got ${value}`);
}

/**
 * `tf.tidy` for results typed as interfaces (tfjs wants an index signature). Tensors reachable
 * from the result are kept, everything else made inside is disposed, also when `fn` throws.
 */
export function tidy<T>(fn: () => T): T {
  return tf.tidy(fn as unknown as () => tf.TensorContainer) as unknown as T;
}
