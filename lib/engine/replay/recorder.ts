/**
 * The slots of a tape being written (./tape.ts): which slot holds which tensor's data, and the
 * kernel launches on them. ./record.ts feeds it from the engine's hooks.
 */
// Straight from tfjs, not ../../backend: backend.ts imports the engine.
import * as tf from "@tensorflow/tfjs";
import { sameShape, rootSlot, madeByStep, type SlotSource, type Tape } from "./tape";
import { aliasTensor } from "../autodiff-clone";
import type { Draw } from "./fresh";

/** Whether a kernel's output is a plain copy of its one input (same values, shape and dtype). */
function isCopy(name: string, x: tf.Tensor | null | undefined, out: tf.Tensor): boolean {
  return x != null && (name === "Identity" || name === "Cast") && x.dtype === out.dtype && sameShape(x.shape, out.shape);
}

/** Slots by dataId while a step is being recorded. */
export class Recorder {
  readonly tape: Tape;
  /** Slots by dataId, latest last: a reshape shares its input's data under another shape. */
  private readonly slotsOf = new Map<object, number[]>();
  private readonly variables = new Map<object, tf.Variable>();
  readonly uploads = new Set<object>();
  /** Tensors the recorded kernels returned, in launch order (the step may keep some: escapees). */
  readonly made: tf.Tensor[] = [];

  constructor(backendName: string, args: readonly tf.Tensor[], variables: Record<string, tf.Variable>) {
    this.tape = { backendName, sources: [], shapes: [], dtypes: [], kernels: [], outputs: [], escapees: [], assigns: [], refusal: null, reads: 0 };
    args.forEach((t, index) => { if (this.find(t) == null) this.add(t, { kind: "arg", index }); });
    for (const v of Object.values(variables)) this.variables.set(v.dataId, v);
  }

  private add(t: tf.TensorInfo, source: SlotSource): number {
    const slot = this.tape.sources.length;
    this.tape.sources.push(source);
    this.tape.shapes.push(t.shape.slice());
    this.tape.dtypes.push(t.dtype);
    const same = this.slotsOf.get(t.dataId);
    if (same == null) this.slotsOf.set(t.dataId, [slot]);
    else same.push(slot);
    return slot;
  }

  /** A tensor of values drawn anew at each replay (./fresh.ts), as a slot of its own at once. */
  fresh(t: tf.Tensor, key: object, draw: Draw): void {
    this.add(t, { kind: "fresh", key, draw });
  }

  /** The slot holding `t`'s data if the step made it (a kernel, a view of one, a fresh draw), else undefined. */
  madeSlot(t: tf.TensorInfo): number | undefined {
    const s = this.find(t);
    return s != null && madeByStep(this.tape, rootSlot(this.tape, s)) ? s : undefined;
  }

  /** The latest slot with t's data, shape and dtype, if any. */
  private find(t: tf.TensorInfo): number | undefined {
    const { shapes, dtypes } = this.tape;
    const same = this.slotsOf.get(t.dataId) ?? [];
    for (let i = same.length - 1; i >= 0; i--) if (dtypes[same[i]] === t.dtype && sameShape(shapes[same[i]], t.shape)) return same[i];
    return undefined;
  }

  /** The slot holding `t`'s data; a tensor not seen yet is a view, a variable or a constant the tape keeps. */
  slot(t: tf.Tensor): number {
    const known = this.find(t);
    if (known != null) return known;
    const same = this.slotsOf.get(t.dataId);
    if (same != null) return this.add(t, { kind: "view", of: same[same.length - 1] });
    const variable = this.variables.get(t.dataId);
    if (variable != null) return this.add(t, { kind: "variable", variable });
    const original = this.uploads.has(t.dataId) ? null : t;
    return this.add(t, { kind: "constant", kept: tf.keep(aliasTensor(t)), original });
  }

  /**
   * Writes down one kernel launch. A kernel that returned its input's own data (Reshape,
   * ExpandDims: they only raise a reference count) or a copy of it (Identity, a Cast to the same
   * dtype) becomes a view of that input instead: replay skips it, the values being the same and
   * tensors immutable.
   */
  kernel(name: string, inputs: tf.NamedTensorMap | tf.Tensor[], attrs: tf.NamedAttrMap | undefined, out: tf.Tensor | tf.Tensor[]): void {
    const names = Object.keys(inputs);
    const given = names.map((n) => (inputs as Record<string, tf.Tensor | null | undefined>)[n]);
    const outs = Array.isArray(out) ? out : [out];
    this.made.push(...outs);
    const inputSlots = given.map((t) => (t == null ? -1 : this.slot(t)));
    const copies = outs.length === 1 && given.length === 1 && isCopy(name, given[0], outs[0]);
    const aliased = outs.length === 1 ? given.findIndex((t) => copies || t?.dataId === outs[0].dataId) : -1;
    if (aliased >= 0) {
      this.add(outs[0], { kind: "view", of: inputSlots[aliased] });
      return;
    }
    this.tape.kernels.push({
      name, attrs, inputsIsArray: Array.isArray(inputs), inputNames: names, inputSlots,
      outputSlots: outs.map((t) => this.add(t, { kind: "kernel" })),
      outputShapes: outs.map((t) => t.shape.slice()),
      outputDtypes: outs.map((t) => t.dtype),
    });
  }
}

