import { tf } from "../../backend";

/** Logs as tfjs-layers passes them to callbacks: numbers, or scalar tensors it disposes afterwards. */
export type RawLogs = Record<string, number | tf.Tensor> | undefined;

/**
 * Reads tfjs-layers callback logs into plain numbers without changing them (tfjs disposes the
 * batch tensors right after the callbacks return, and History resolves its own copy later).
 *
 * @param logs - the logs argument of `onBatchEnd` / `onEpochEnd`
 * @returns a new object with every value as a number
 * @example
 * const values = await readLogs(logs); // { loss: 0.31, val_loss: 0.4 }
 */
export async function readLogs(logs: RawLogs): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(logs ?? {})) {
    if (typeof value === "number") out[key] = value;
    else if (value instanceof tf.Tensor && value.size === 1) out[key] = (await value.data())[0];
  }
  return out;
}

/** The lr of a model's optimizer (`lr` of optim.*, `learningRate` of tf.train.*), or undefined. */
export function lrOf(model: tf.LayersModel | undefined): number | undefined {
  const opt = model?.optimizer as unknown as { lr?: unknown; learningRate?: unknown } | undefined;
  const lr = opt?.lr ?? opt?.learningRate;
  return typeof lr === "number" ? lr : undefined;
}
