/**
 * Replays a tape (./tape.ts) by calling the backend's kernel functions directly, in the recorded
 * order, with the recorded attributes: no engine scope, tape node, tensor tracking, kernel lookup
 * by name or saved-tensor bookkeeping per kernel. Same kernels, same order, same inputs: the
 * results are bit-identical to the eager step's.
 *
 * Memory: every kernel output (and fresh draw) is one reference on the backend's data; an
 * intermediate is released right after its last use (or after the step, if a returned view shares
 * it), the returned slots become ordinary tracked tensors.
 */
// Straight from tfjs, not ../../backend: backend.ts imports the engine.
import * as tf from "@tensorflow/tfjs";
import { sameShape, rootSlot as root, madeByStep, type Tape } from "./tape";

interface Backend {
  disposeData(dataId: object): boolean;
  incRef(dataId: object): void;
  /** tfjs-backend-wasm's: a new buffer on its heap, and a view of it. */
  makeOutput(shape: number[], dtype: "float32"): tf.TensorInfo;
  typedArrayFromHeap(t: tf.TensorInfo): Float32Array;
}
interface Step {
  config: tf.KernelConfig;
  inputs: tf.NamedTensorInfoMap | tf.TensorInfo[];
  /** View slots this kernel reads, with the slot whose data they share (set before binding). */
  views: [number, number][];
  /** The objects inside `inputs` whose dataId each replay rebinds, with their slots. */
  bind: [{ dataId: object }, number][];
  attrs: tf.NamedAttrMap;
  outputSlots: number[];
  outputShapes: number[][];
  /** Kernel-made slots whose last use is this kernel (released after it). */
  release: number[];
}

/** A tape ready to replay: kernel configs looked up once, input objects built once. */
export interface Player {
  readonly tape: Tape;
  readonly steps: Step[];
  /** Kernel-made slots released after the outputs are handed out (returned views share them). */
  readonly releaseAtEnd: number[];
  /** Slots drawn anew before each replay (./fresh.ts), in the order the step drew them. */
  readonly fresh: number[];
  /** What a replay hands out: the outputs, then the escapees, then the assigned slots. */
  readonly handOut: number[];
}

/**
 * Prepares `tape` for {@link replay} on the current backend.
 * @param tape - a recording of ./record.ts
 * @returns the player, or null if a kernel is no longer registered on the backend
 */
export function preparePlayer(tape: Tape): Player | null {
  // Slots whose data the replay makes, so must release: kernel outputs and fresh draws.
  const isKernel = (s: number) => madeByStep(tape, s);
  const handOut = [...tape.outputs, ...tape.escapees, ...tape.assigns.map((a) => a.slot)];
  const fresh = tape.sources.flatMap((s, i) => (s.kind === "fresh" ? [i] : []));
  const returned = new Set(handOut.filter(isKernel));
  const lastUse = new Map<number, number>();
  tape.kernels.forEach((k, i) => [...k.inputSlots, ...k.outputSlots].forEach((s) => s >= 0 && lastUse.set(root(tape, s), i)));
  const unused = fresh.filter((s) => !lastUse.has(s));
  const atEnd = new Set([...handOut.map((s) => root(tape, s)), ...unused].filter((r) => isKernel(r) && !returned.has(r)));
  const steps: Step[] = [];
  for (const [i, k] of tape.kernels.entries()) {
    const config = tf.getKernel(k.name, tape.backendName);
    if (config == null) return null;
    const infos = k.inputSlots.map((s) => (s < 0 ? null : { dataId: {} as object, shape: tape.shapes[s], dtype: tape.dtypes[s] }));
    const inputs = k.inputsIsArray ? infos : Object.fromEntries(k.inputNames.map((n, j) => [n, infos[j]]));
    const bind = infos.flatMap((info, j) => (info == null ? [] : [[info, k.inputSlots[j]] as [{ dataId: object }, number]]));
    const views = k.inputSlots.filter((s) => s >= 0 && tape.sources[s].kind === "view").map((s) => [s, root(tape, s)] as [number, number]);
    const candidates = new Set([...k.outputSlots, ...k.inputSlots.filter((s) => s >= 0).map((s) => root(tape, s))]);
    const release = [...candidates].filter((s) => isKernel(s) && lastUse.get(s) === i && !returned.has(s) && !atEnd.has(s));
    steps.push({ config, inputs: inputs as Step["inputs"], views, bind, attrs: k.attrs ?? {}, outputSlots: k.outputSlots, outputShapes: k.outputShapes, release });
  }
  return { tape, steps, releaseAtEnd: [...atEnd], fresh, handOut };
}

/** Whether the kernels the player calls are still the ones registered (an override may have changed them). */
export function playerIsCurrent(p: Player): boolean {
  return tf.getBackend() === p.tape.backendName && p.steps.every((s) => tf.getKernel(s.config.kernelName, p.tape.backendName) === s.config);
}

/** An argument's dataId, once its shape and dtype are the recorded ones (kernels trust the tape's). */
function argument(t: tf.Tensor, index: number, shape: number[], dtype: tf.DataType): object {
  if (t.dtype !== dtype || !sameShape(t.shape, shape)) throw new ReplayMismatch(`argument ${index} is ${t.dtype} [${t.shape}], recorded ${dtype} [${shape}]`);
  return t.dataId;
}

/** tfjs's Tensor class, read once (each `tf.` access goes through module getters). */
const Tensor = tf.Tensor;

/** Runs the kernels, setting the slots' dataIds in `ids` and releasing the intermediates. */
function runKernels(p: Player, ids: (object | undefined)[], backend: Backend): void {
  for (const [i, step] of p.steps.entries()) {
    for (const [s, r] of step.views) ids[s] = ids[r];
    for (const [info, s] of step.bind) info.dataId = ids[s]!;
    let out: tf.TensorInfo | tf.TensorInfo[];
    try {
      out = step.config.kernelFunc({ inputs: step.inputs as tf.NamedTensorInfoMap, attrs: step.attrs, backend: backend as unknown as tf.KernelBackend });
    } catch (e) {
      for (const s of live(p, i, i)) backend.disposeData(ids[s]!);
      throw new ReplayMismatch(`${step.config.kernelName} failed outside the engine (a kernel written with tfjs ops): ${(e as Error).message}`);
    }
    const outs = Array.isArray(out) ? out : [out];
    for (let j = 0; j < outs.length; j++) ids[step.outputSlots[j]] = outs[j].dataId;
    const tracked = outs.some((o) => o instanceof Tensor);
    if (tracked || !outs.every((o, j) => sameShape(o.shape, step.outputShapes[j]))) {
      for (const s of live(p, i + 1, i)) backend.disposeData(ids[s]!);
      const name = step.config.kernelName;
      throw new ReplayMismatch(tracked
        ? `${name} returns engine-tracked tensors (a kernel written with tfjs ops)`
        : `a kernel's output shape depends on the data: ${name} returned shape [${outs.map((o) => o.shape).join("], [")}], recorded [${step.outputShapes.join("], [")}]`);
    }
    for (const s of step.release) backend.disposeData(ids[s]!);
  }
}

/** Slots holding data the replay made: fresh draws and outputs of kernels [0, made), not released by kernels [0, released). */
function live(p: Player, made: number, released: number): number[] {
  const gone = new Set(p.steps.slice(0, released).flatMap((s) => s.release));
  return [...p.fresh, ...p.steps.slice(0, made).flatMap((s) => s.outputSlots)].filter((s) => !gone.has(s));
}

/**
 * Draws the fresh slots' values anew, in the order the step drew them, straight into new buffers
 * on the heap. (A replay that fails after this has drawn them: the step then runs eagerly and
 * draws again, so a dropout layer's seed has moved on by one call.)
 */
function drawFresh(p: Player, ids: (object | undefined)[], backend: Backend): void {
  const { tape } = p;
  for (const s of p.fresh) {
    const src = tape.sources[s] as Extract<Tape["sources"][number], { kind: "fresh" }>;
    const out = backend.makeOutput(tape.shapes[s], "float32");
    ids[s] = out.dataId;
    // The view right after the allocation (a later one may grow the heap and detach it).
    src.draw(backend.typedArrayFromHeap(out));
  }
}

/** Thrown when a replayed kernel returns another shape than recorded (data-dependent shapes). */
export class ReplayMismatch extends Error {}

/**
 * Runs the tape once.
 *
 * @param p - from {@link preparePlayer}
 * @param args - the step's argument tensors, with the recorded shapes and dtypes (the caller checks)
 * @returns the tape's outputs as new tensors, in the recorded order, then its escapees, then the
 *   values of its assigned variables (the caller assigns and disposes them)
 * @throws ReplayMismatch if an argument or a kernel's output has another shape than recorded (nothing leaks)
 */
export function replay(p: Player, args: readonly tf.Tensor[]): tf.Tensor[] {
  const { tape } = p;
  const backend = tf.backend() as unknown as Backend;
  const ids: (object | undefined)[] = new Array(tape.sources.length);
  tape.sources.forEach((s, i) => {
    if (s.kind === "arg") ids[i] = argument(args[s.index], s.index, tape.shapes[i], tape.dtypes[i]);
    else if (s.kind === "variable") ids[i] = s.variable.dataId;
    else if (s.kind === "constant") ids[i] = s.kept.dataId;
  });
  drawFresh(p, ids, backend);
  // A kernel that runs ops inside (some cpu kernels) makes tracked tensors: the scope frees them.
  tf.tidy(() => runKernels(p, ids, backend));
  const handedOut = new Set<number>();
  const result = p.handOut.map((s) => {
    const r = root(tape, s);
    ids[s] = ids[r];
    if (!madeByStep(tape, s) || handedOut.has(s)) backend.incRef(ids[s]!);
    handedOut.add(s);
    return tf.engine().makeTensorFromDataId(ids[s]!, tape.shapes[s], tape.dtypes[s]);
  });
  for (const s of p.releaseAtEnd) backend.disposeData(ids[s]!);
  return result;
}
