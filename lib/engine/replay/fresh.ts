/**
 * Values a replayed step must draw anew each time, e.g. a dropout layer's mask: the layer makes
 * its tensor with {@link freshTensor}, handing over the function that draws the values. Eagerly
 * that is one upload; while a step is recorded (./record.ts) the tape writes the slot down with
 * the function, and each replay (./play.ts) calls it again, so the layer's own state (its seed
 * advancing per call) moves exactly as it does eagerly. A plain upload of random values instead
 * makes two recordings differ, and the step runs eagerly.
 */
// Straight from tfjs, not ../../backend: backend.ts imports the engine.
import * as tf from "@tensorflow/tfjs";

/** Writes a fresh draw's values into `out` (its length the tensor's size), advancing its owner's state. */
export type Draw = (out: Float32Array) => void;

type Listener = (t: tf.Tensor, key: object, draw: Draw) => void;
let listener: Listener | null = null;

/**
 * Sets who hears of fresh tensors (the recorder, while it records); null stops.
 * @returns the previous listener
 */
export function listenFresh(l: Listener | null): Listener | null {
  const previous = listener;
  listener = l;
  return previous;
}

/**
 * A float32 tensor of the values `draw` writes; a replay calls `draw` again (writing straight into
 * the backend's memory) instead of reusing them.
 *
 * @param draw - writes the values, advancing its owner's state
 * @param shape - the tensor's shape
 * @param key - who draws (the layer): two recordings agree when the same keys draw in the same order
 * @returns the tensor (the caller disposes it)
 * @example const mask = freshTensor((out) => layer.nextMask(out), [N, D], layer);
 */
export function freshTensor(draw: Draw, shape: number[], key: object): tf.Tensor {
  const values = new Float32Array(shape.reduce((a, b) => a * b, 1));
  draw(values);
  const t = tf.tensor(values, shape, "float32");
  listener?.(t, key, draw);
  return t;
}
