/**
 * The backward pass of `tf.variableGrads`, `tf.grad` and `optimizer.minimize`, replayed once it
 * has been seen: the autodiff loop a student writes (the forward pass runs eagerly, as written)
 * runs the same backward kernels at every step, and each costs the engine's bookkeeping (scopes,
 * tensor tracking, the gradient closures) on top of its work.
 *
 * The structure of a backward pass is its filtered tape (../tape-node.ts keeps what tfjs hides):
 * each node's kernel, attributes and registered gradient function, which earlier tensor each
 * input is, the shapes and dtypes of outputs and saved tensors, which saved tensors share data,
 * and y. Registered gradient functions compute from their saved tensors, the output gradients and
 * the attributes only, so the same structure launches the same kernels on the same slots. Per
 * structure, the backward pass is recorded (./record.ts) while it runs eagerly; once two
 * recordings agree, later passes replay it (./play.ts) on the new saved tensors: the same kernels
 * in the same order, so the same bits. Tensors the gradients upload (the ones of Sum's gradient)
 * are uploaded again at each replay with the values recorded, the two recordings having shown them
 * the same; nothing is held between calls. A pass runs eagerly
 * for good where that is not shown: a customGrad node (an opaque closure), a gradient that reads
 * values into JS, or a tensor other than its saved ones, uploads that differ between recordings
 * (a random draw), or a replayed kernel that returns another shape.
 */
// Straight from tfjs, not ../../backend: backend.ts imports the engine.
import type * as tf from "@tensorflow/tfjs";
import { recordKernels } from "./record";
import { tapeDifference, disposeTape, type Tape } from "./tape";
import { preparePlayer, playerIsCurrent, replay, ReplayMismatch, type Player } from "./play";
import { backwardKey, sameKey } from "./backward-key";
import type { TapeNode } from "../tape-node";

/** Recordings of one structure that may differ before it runs eagerly for good. */
const MAX_RECORDINGS = 3;
/** Structures kept, the least recently used dropped first. */
export const MAX_STRUCTURES = 8;

interface Entry {
  key: unknown[];
  tape: Tape | null;
  player: Player | null;
  recordings: number;
  /** Why this structure runs eagerly for good, or null. */
  eager: string | null;
}
const entries: Entry[] = [];

/** How backward passes ran since the last {@link forgetBackwardPasses}: replayed, recorded (eagerly), or eagerly. */
export interface BackwardReplayStats {
  replayed: number;
  recorded: number;
  eager: number;
}
const stats: BackwardReplayStats = { replayed: 0, recorded: 0, eager: 0 };

/** A copy of the counts (tests, bench/). */
export const backwardReplayStats = (): BackwardReplayStats => ({ ...stats });

/** What a backward pass computes: the gradient of each x, in order. */
export type BackwardPass = () => (tf.Tensor | undefined)[];

function entryFor(key: unknown[]): Entry {
  const i = entries.findIndex((e) => sameKey(e.key, key));
  const entry = i >= 0 ? entries.splice(i, 1)[0] : { key, tape: null, player: null, recordings: 0, eager: null };
  entries.unshift(entry);
  for (const dropped of entries.splice(MAX_STRUCTURES)) forget(dropped);
  return entry;
}

function forget(e: Entry): void {
  if (e.tape != null) disposeTape(e.tape);
  e.tape = null;
  e.player = null;
}

/** Why a recording cannot be replayed whatever comes next, or null. */
function refusal(tape: Tape, grads: (tf.Tensor | undefined)[]): string | null {
  if (grads.some((g) => g == null)) return "an x has no gradient";
  if (tape.refusal != null || tape.assigns.length > 0) return "the backward pass assigns a variable";
  if (tape.reads > 0) return "a gradient reads tensor values into JS";
  const outside = tape.sources.some((s) => (s.kind === "constant" && s.original != null) || s.kind === "variable" || s.kind === "fresh");
  return outside ? "a gradient reads a tensor that is not a saved one" : null;
}

/** Uploads larger than this (elements) make a pass run eagerly rather than be kept as text. */
const MAX_UPLOAD = 4096;

/**
 * Turns the tensors the gradients uploaded (e.g. the ones of Sum's gradient) into uploads redone at
 * each replay (./fresh.ts's slots, their values written into a new buffer), keyed by their bits: two
 * recordings agree when they uploaded the same values, and a remembered pass holds no tensor and no
 * backend memory between calls (`tf.memory()` and the backend's buffer count are as without it).
 * @returns why the tape cannot be kept, or null
 */
function constantsAsUploads(tape: Tape): string | null {
  for (const [i, s] of tape.sources.entries()) {
    if (s.kind !== "constant") continue;
    if (s.kept.dtype !== "float32" || s.kept.size > MAX_UPLOAD) return "a gradient uploads a large or non-float32 tensor";
    const values = (s.kept.dataSync() as Float32Array).slice();
    s.kept.dispose();
    const key = `[${s.kept.shape}] ${new Uint32Array(values.buffer).join(" ")}`;
    tape.sources[i] = { kind: "fresh", key, draw: (out) => out.set(values) };
  }
  return null;
}

function record(e: Entry, args: tf.Tensor[], eager: BackwardPass): (tf.Tensor | undefined)[] {
  // A missing gradient cannot be a tape output: then the tape returns none, and is refused.
  const { result, tape } = recordKernels(eager, args, (grads) => (grads.every((g) => g != null) ? grads as tf.Tensor[] : []));
  e.eager = refusal(tape, result) ?? constantsAsUploads(tape);
  const settled = e.eager == null && e.tape != null && tapeDifference(e.tape, tape) == null;
  forget(e); // the earlier recording
  if (settled) {
    e.player = preparePlayer(tape);
    if (e.player == null) e.eager = "a recorded kernel is not registered";
  } else if (e.eager == null && ++e.recordings >= MAX_RECORDINGS) {
    e.eager = "its recordings keep differing";
  }
  if (e.eager == null) e.tape = tape;
  else disposeTape(tape);
  return result;
}

/**
 * The gradients of a backward pass: replayed if its structure was seen and settled, else eagerly
 * (and recorded, until it settles or is refused).
 *
 * @param tape - the filtered tape, in tape order (../lean-tape.ts's `filterTape`)
 * @param xs - the tensors whose gradients are asked for
 * @param y - the output the backward pass starts from
 * @param dy - y's gradient (ones if the caller gave none)
 * @param eager - runs the backward pass eagerly
 * @returns the gradient of each x, as `eager` returns them
 */
export function replayBackward(tape: TapeNode[], xs: tf.Tensor[], y: tf.Tensor, dy: tf.Tensor, eager: BackwardPass): (tf.Tensor | undefined)[] {
  const args = [dy];
  for (const node of tape) if (node.saved != null) args.push(...node.saved);
  const key = backwardKey(tape, xs, y, args);
  const e = key == null ? null : entryFor(key);
  if (e != null && e.eager == null && e.player != null && playerIsCurrent(e.player)) {
    try {
      const grads = replay(e.player, args);
      stats.replayed += 1;
      return grads;
    } catch (err) {
      if (!(err instanceof ReplayMismatch)) throw err;
      e.eager = err.message;
      forget(e);
    }
  }
  if (e == null || e.eager != null) {
    stats.eager += 1;
    return eager();
  }
  stats.recorded += 1;
  return record(e, args, eager);
}

/** Forgets every structure, and zeroes the counts (tests, bench/). */
export function forgetBackwardPasses(): void {
  for (const e of entries.splice(0)) forget(e);
  Object.assign(stats, { replayed: 0, recorded: 0, eager: 0 });
}
