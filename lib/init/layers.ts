/**
 * Any initializer of this folder as a tfjs-layers initializer, for
 * `tf.layers.dense({ kernelInitializer: asInitializer(xavierUniform, { gain }) })`.
 */
import { tf } from "../backend";
import type { Initializer } from "@tensorflow/tfjs-layers/dist/initializers";

/** An initializer function of this folder: shape and options in, tensor out. */
export type InitFn<O> = (shape: number[], options?: O) => tf.Tensor;

/** Options accepted by {@link asInitializer}: the initializer's own options. */
export type AsInitializerOptions<O> = O & { seed?: number };

// tfjs-layers checks `instanceof Initializer` but exports only factories; the abstract base
// class is the parent of any built-in initializer's class.
const InitializerBase = Object.getPrototypeOf(tf.initializers.zeros().constructor) as abstract new () => Initializer;

class CourseInitializer<O> extends InitializerBase {
  static className = "DlcourseInitializer";
  private calls = 0;
  constructor(private readonly fn: InitFn<O>, private readonly options: AsInitializerOptions<O>) {
    super();
  }
  apply(shape: number[]): tf.Tensor {
    const seed = this.options.seed;
    // A fixed seed would give every layer of the same shape identical weights; successive calls
    // take seed, seed + 1, ... so a model built from a fresh initializer is reproducible.
    const options = seed == null ? this.options : { ...this.options, seed: seed + this.calls };
    this.calls += 1;
    return this.fn(shape, options);
  }
  override getConfig(): tf.serialization.ConfigDict {
    return { name: this.fn.name, seed: this.options.seed ?? null };
  }
}

/**
 * Wraps an initializer function as a tfjs-layers `Initializer`.
 *
 * @param fn - e.g. xavierUniform, kaimingNormal, naiveUniform
 * @param options - that function's options; with `seed`, the n-th weight created gets seed + n
 * @returns an object usable as kernelInitializer / biasInitializer
 * @example
 * const layer = tf.layers.dense({ units: 100, inputShape: [784],
 *   kernelInitializer: asInitializer(kaimingNormal, { nonlinearity: "relu", seed: 42 }) });
 */
export function asInitializer<O extends object>(fn: InitFn<O>, options: AsInitializerOptions<O> = {} as AsInitializerOptions<O>): Initializer {
  if (typeof fn !== "function") throw new Error(`init.asInitializer: expected an initializer function, got ${typeof fn}`);
  return new CourseInitializer(fn, options);
}
