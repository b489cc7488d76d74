/**
 * The switch and the report of model.fit's replayed steps (lib/engine/replay/fit.ts records a
 * fit's first training steps, then replays their kernels without tfjs's engine bookkeeping: the
 * same numbers, faster). Here, so that notebooks reach them as `optim.useReplayedFit` and
 * `optim.fitReplayStats` without importing the engine, which reads and writes them.
 *
 * This file is a leaf: it imports nothing, so the engine may import it without a cycle.
 */

/** How the training steps of the latest model.fit (or fitDataset) ran. */
export interface FitReplayStats {
  /** Steps run eagerly while being recorded (two per batch shape, before replaying). */
  recorded: number;
  /** Steps replayed. */
  replayed: number;
  /** Steps run eagerly without recording. */
  eager: number;
  /** Why the last eager step could not be replayed, or null. */
  reason: string | null;
}

let enabled = true;
let latest: FitReplayStats = { recorded: 0, replayed: 0, eager: 0, reason: null };

/**
 * Turns the replay of model.fit's steps on or off (default on; it runs on the wasm backend). The
 * numbers are the same bits either way; off, every step runs through tfjs's engine. Replayed
 * steps repeat what the first steps of a fit did: turn it off if a callback changes a layer's
 * configuration (not the optimizer's learning rate) in the middle of a fit.
 *
 * @param on - true: replay; false: tfjs's own fit
 * @returns the previous setting
 * @throws Error `optim.useReplayedFit: expected true or false, got ...`
 * @example
 * const was = optim.useReplayedFit(false); // every step through tfjs's engine
 * optim.useReplayedFit(was);
 */
export function useReplayedFit(on: boolean): boolean {
  if (typeof on !== "boolean") throw new Error(`optim.useReplayedFit: expected true or false, got ${typeof on === "string" ? `"${on}"` : String(on)}`);
  const was = enabled;
  enabled = on;
  return was;
}

/** Whether fits replay their steps (read by the engine at the start of each fit). */
export function replayedFitEnabled(): boolean {
  return enabled;
}

/**
 * How the steps of the latest model.fit or fitDataset ran: recorded, replayed, eager, and why the
 * last eager one could not be replayed.
 *
 * @returns a copy of the counts
 * @example
 * await model.fit(x, y, { epochs: 3 });
 * optim.fitReplayStats(); // { recorded: 2, replayed: 91, eager: 0, reason: null }
 */
export function fitReplayStats(): FitReplayStats {
  return { ...latest };
}

/** The counts the engine updates during a fit (this object is what {@link fitReplayStats} copies). */
export function startFitStats(reason: string | null = null): FitReplayStats {
  latest = { recorded: 0, replayed: 0, eager: 0, reason };
  return latest;
}
