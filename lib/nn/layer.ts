/**
 * The one contract of the from-scratch layers (CS231n's layers.py):
 *
 *   const { out, cache } = xxxForward(x, ...params, options);   // keep cache for backward
 *   const { dx, ...grads } = xxxBackward(dout, cache);           // dout has out's shape
 *
 * Forward and backward are plain functions over tensors; nothing is stored in the layer. The
 * caller owns every returned tensor, the cache included (it holds its own clones of the inputs,
 * so disposing it never touches the caller's tensors): `disposeCache(cache)` after backward, or
 * run the whole step inside `tf.tidy`.
 */
import { tf } from "../backend";
import { aliasTensor } from "../engine/autodiff-clone";

/** What every forward returns. */
export interface ForwardResult<C> {
  /** Layer output. */
  out: tf.Tensor;
  /** What backward needs, opaque to the caller. */
  cache: C;
}

/** What every backward returns: dx plus one gradient per parameter. */
export type BackwardResult<G extends string = never> = { dx: tf.Tensor } & { [K in G]: tf.Tensor };

/**
 * Disposes every tensor found in a cache (one level deep, and inside arrays).
 * @param cache - the cache returned by a forward
 * @example disposeCache(cache);
 */
export function disposeCache(cache: object): void {
  for (const v of Object.values(cache)) {
    if (v instanceof tf.Tensor) v.dispose();
    else if (Array.isArray(v)) v.forEach((t) => t instanceof tf.Tensor && t.dispose());
  }
}

/**
 * A new handle on `t`'s data without running a kernel: what `tf.clone` gives a cache (its own
 * handle, so disposing the cache never frees the caller's tensor) minus the Identity kernel, whose
 * dispatch on a tiny net costs as much as the arithmetic. The engine's `aliasTensor`
 * (lib/engine/autodiff-clone.ts). Not recorded on the autodiff tape, so only for caches read by
 * the hand-written backward passes.
 * @param t - any tensor of the active backend
 * @returns a tensor sharing t's data; dispose it like any other
 * @example const cache = { x: alias(x) };
 */
export const alias: <T extends tf.Tensor>(t: T) => T = aliasTensor;
