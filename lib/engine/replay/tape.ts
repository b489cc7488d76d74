/**
 * A recorded sequence of backend kernels (a "tape"), the data structure shared by ./record.ts,
 * which writes it while tfjs runs a step eagerly, and ./play.ts, which runs it again without the
 * engine. Every tensor the step touches is a numbered slot; a slot's data comes from a step
 * argument, a variable (read at each replay: the optimizer moves variables to new data), a
 * constant kept alive by the tape (a tensor that existed before the step, or one uploaded during
 * it), values drawn anew at each replay (./fresh.ts: a dropout layer's mask), or a recorded
 * kernel's output. Besides what the caller asks for, a tape returns the tensors the step kept
 * (`escapees`, e.g. tfjs-layers' metrics) and re-does the step's variable assignments
 * (`assigns`, e.g. BatchNorm's running statistics).
 */
// Straight from tfjs, not ../../backend: backend.ts imports the engine.
import * as tf from "@tensorflow/tfjs";
import type { Draw } from "./fresh";

/** Where a slot's data comes from. */
export type SlotSource =
  | { kind: "arg"; index: number }
  | { kind: "variable"; variable: tf.Variable }
  /** `kept` is the tape's own handle; `original` the caller's tensor when it existed before the step. */
  | { kind: "constant"; kept: tf.Tensor; original: tf.Tensor | null }
  | { kind: "kernel" }
  /**
   * Values drawn again at each replay by `draw` (./fresh.ts); `key` names who draws them, or is
   * the values' bits for an upload redone with the same values (./backward.ts).
   */
  | { kind: "fresh"; key: object | string; draw: Draw }
  /** The data of an earlier slot seen with another shape (a handle made without a kernel). */
  | { kind: "view"; of: number };

/** One kernel launch: what ran, on which slots, with which result shapes. */
export interface TapeKernel {
  name: string;
  attrs: tf.NamedAttrMap | undefined;
  /** The inputs as the op passed them: a named map, or an array (AddN, Concat, Pack). */
  inputsIsArray: boolean;
  inputNames: string[];
  /** Slot of each input (-1: the op passed null, e.g. an absent bias). */
  inputSlots: number[];
  outputSlots: number[];
  outputShapes: number[][];
  outputDtypes: tf.DataType[];
}

/** A recorded step: its slots, kernels in launch order, and the slots it returns. */
export interface Tape {
  backendName: string;
  sources: SlotSource[];
  shapes: number[][];
  dtypes: tf.DataType[];
  kernels: TapeKernel[];
  /** Slots the step returns, in the order the caller's result names them. */
  outputs: number[];
  /** Slots of kernel-made tensors the step kept alive besides its outputs (e.g. metrics), in launch order. */
  escapees: number[];
  /** Variables the step assigned, and the slot each ends up holding (assigned again after a replay). */
  assigns: { variable: tf.Variable; slot: number }[];
  /** Why the tape cannot be replayed whatever the next recording shows, or null. */
  refusal: string | null;
  /** How often the step read tensor values into JS while it was recorded (what it computes from them is not replayed). */
  reads: number;
}

/** Releases the constants a tape keeps alive. */
export function disposeTape(tape: Tape): void {
  for (const s of tape.sources) if (s.kind === "constant") s.kept.dispose();
}

const sameShape = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((d, i) => d === b[i]);

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a == null || b == null || typeof a !== "object" || typeof b !== "object") return Number.isNaN(a) && Number.isNaN(b);
  const [ka, kb] = [Object.keys(a), Object.keys(b)];
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  return ka.length === kb.length && ka.every((k) => sameValue(ra[k], rb[k]));
}

function sameSource(a: SlotSource, b: SlotSource): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === "arg") return a.index === (b as typeof a).index;
  if (a.kind === "variable") return a.variable === (b as typeof a).variable;
  if (a.kind === "view") return a.of === (b as typeof a).of;
  if (a.kind === "fresh") return a.key === (b as typeof a).key;
  if (a.kind === "constant") {
    const c = b as typeof a;
    if (a.original != null || c.original != null) return a.original === c.original;
    return a.kept.dtype === c.kept.dtype && sameShape(a.kept.shape, c.kept.shape) && sameValue(a.kept.dataSync(), c.kept.dataSync());
  }
  return true;
}

function sameKernel(a: TapeKernel, b: TapeKernel): boolean {
  return a.name === b.name && a.inputsIsArray === b.inputsIsArray && sameValue(a.inputNames, b.inputNames) &&
    sameValue(a.inputSlots, b.inputSlots) && sameValue(a.outputSlots, b.outputSlots) &&
    sameValue(a.outputShapes, b.outputShapes) && sameValue(a.outputDtypes, b.outputDtypes) && sameValue(a.attrs, b.attrs);
}

/**
 * Why two recordings of the same step differ, or null if they are the same program: the same
 * kernels in the same order on the same slots, and constants uploaded during the step with the
 * same values (a fresh random draw, e.g. a dropout mask, makes them differ).
 *
 * @param a - the earlier recording
 * @param b - the later one
 * @returns a sentence for error messages, or null
 */
export function tapeDifference(a: Tape, b: Tape): string | null {
  if (a.backendName !== b.backendName) return `the backend changed (${a.backendName} -> ${b.backendName})`;
  if (a.kernels.length !== b.kernels.length) return `the step launched ${a.kernels.length} kernels, then ${b.kernels.length}`;
  const k = a.kernels.findIndex((x, i) => !sameKernel(x, b.kernels[i]));
  if (k >= 0) return `kernel ${k} differs (${a.kernels[k].name} vs ${b.kernels[k].name}: inputs, attributes or shapes)`;
  if (a.sources.length !== b.sources.length || !sameValue(a.outputs, b.outputs) || !sameValue(a.escapees, b.escapees) ||
    !sameValue(a.shapes, b.shapes) || !sameValue(a.dtypes, b.dtypes)) return "the step's tensors differ";
  const sameAssigns = a.assigns.length === b.assigns.length && a.assigns.every((x, i) => x.variable === b.assigns[i].variable && x.slot === b.assigns[i].slot);
  if (!sameAssigns) return "the step assigned other variables, or from other tensors";
  const s = a.sources.findIndex((x, i) => !sameSource(x, b.sources[i]));
  if (s < 0) return null;
  const src = a.sources[s];
  if (src.kind === "constant" && src.original == null) {
    return `a tensor created inside the step (shape [${src.kept.shape}]) has new values at each call (random numbers such as a dropout mask, or values computed in JS)`;
  }
  if (src.kind === "constant") return "a tensor the loss function reads from its closure changed between calls (pass tensors that change between steps as arguments)";
  return `tensor ${s} comes from a different ${src.kind}`;
}

export { sameShape };

/** The slot whose data a view shares, following views of views. */
export function rootSlot(tape: Tape, s: number): number {
  let r = s;
  for (let src = tape.sources[r]; src.kind === "view"; src = tape.sources[r]) r = src.of;
  return r;
}

/** Whether the step itself makes slot `s`'s data (a kernel output or a fresh draw), so a replay makes and releases it. */
export function madeByStep(tape: Tape, s: number): boolean {
  const kind = tape.sources[s].kind;
  return kind === "kernel" || kind === "fresh";
}
