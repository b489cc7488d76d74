/**
 * Records the kernels a step launches while tfjs runs it eagerly (./tape.ts describes the tape).
 *
 * How: for the duration of the step, the engine's `runKernel` (which every op calls) and
 * `makeTensor` (which every upload calls, e.g. the scalar in `tf.mul(x, 0.01)` or a random
 * mask) are wrapped, and so are its reads of tensor values (`dataSync`, `data`), which are only
 * counted: JS computed from values read is not on the tape. Each top-level kernel launch is
 * written down (./recorder.ts) with its attributes, the slots of its inputs and the slots and
 * shapes of its outputs; kernels launched from inside another kernel belong to it. Fresh draws
 * (./fresh.ts) are written down with the function that draws them. After the step, variables
 * whose data changed become the tape's `assigns`, and, if asked, kernel-made tensors the step kept
 * alive become its `escapees`. The step itself runs exactly as it would without the recorder, so
 * the recorded call's results are the eager results.
 */
// Straight from tfjs, not ../../backend: backend.ts imports the engine.
import * as tf from "@tensorflow/tfjs";
import { disposeTape, type Tape } from "./tape";
import { Recorder } from "./recorder";
import { listenFresh } from "./fresh";

type RunKernel = (name: string, inputs: tf.NamedTensorMap | tf.Tensor[], attrs?: tf.NamedAttrMap) => tf.Tensor | tf.Tensor[];
type MakeTensor = (values: unknown, shape: number[], dtype?: tf.DataType, backend?: unknown) => tf.Tensor;
interface EngineHooks {
  runKernel: RunKernel;
  makeTensor: MakeTensor;
  readSync: (dataId: object) => unknown;
  read: (dataId: object) => unknown;
  backendName: string;
  registeredVariables: Record<string, tf.Variable>;
}

type Hook = "runKernel" | "makeTensor" | "readSync" | "read";

/**
 * Wraps the engine's methods: `around[k]` gets the original and returns the wrapper.
 * @returns the function that puts the originals back (deleting the wrappers, so the prototype's show through)
 */
function hook(engine: EngineHooks, around: { [K in Hook]: (original: EngineHooks[K]) => EngineHooks[K] }): () => void {
  const e = engine as unknown as Record<string, unknown>;
  const keys = Object.keys(around) as Hook[];
  const own = keys.map((k) => [k, Object.prototype.hasOwnProperty.call(engine, k), engine[k]] as const);
  for (const k of keys) e[k] = (around[k] as (f: unknown) => unknown)(engine[k]);
  return () => own.forEach(([k, wasOwn, f]) => (wasOwn ? (e[k] = f) : delete e[k]));
}

/** Options of {@link recordKernels}. */
export interface RecordOptions {
  /** Also return the kernel-made tensors the step kept alive besides its outputs. Default false. */
  escapees?: boolean;
}

/** The variables whose data the step replaced, with the slots now holding it (a refusal if the step did not make that data). */
function findAssigns(rec: Recorder, before: Map<tf.Variable, object>): void {
  for (const [variable, dataId] of before) {
    if (variable.isDisposed || variable.dataId === dataId) continue;
    const slot = rec.madeSlot(variable);
    if (slot == null) rec.tape.refusal ??= `the step assigns the variable "${variable.name}" a tensor it did not compute`;
    else rec.tape.assigns.push({ variable, slot });
  }
}

/** Kernel-made tensors still alive after the step that it does not return, once each, with their slots. */
function findEscapees(rec: Recorder, returned: tf.Tensor[]): tf.Tensor[] {
  const skip = new Set(returned);
  const kept = rec.made.filter((t) => !t.isDisposed && !skip.has(t) && (skip.add(t), true));
  rec.tape.escapees = kept.map((t) => rec.madeSlot(t)!);
  return kept;
}

let recordings = 0;

/** Whether a step is being recorded now (a replay inside it would hide kernels from the tape). */
export const isRecording = (): boolean => recordings > 0;

/**
 * Runs `step` eagerly and records the kernels it launches.
 *
 * @param step - the step; it must launch kernels through tfjs ops only
 * @param args - tensors the step takes as arguments (bound by position at replay)
 * @param outputs - picks, from the step's result, the tensors the tape returns
 * @param options - see {@link RecordOptions}
 * @returns the step's eager result, its tape (whose constants the caller disposes with
 *   `disposeTape`), and the escapees (empty unless asked for)
 * @example
 * const { result, tape } = recordKernels(() => tf.variableGrads(f), [], (r) => [r.value]);
 */
export function recordKernels<T>(step: () => T, args: readonly tf.Tensor[], outputs: (result: T) => tf.Tensor[], options: RecordOptions = {}):
  { result: T; tape: Tape; escapees: tf.Tensor[] } {
  const engine = tf.engine() as unknown as EngineHooks;
  const rec = new Recorder(tf.getBackend(), args, engine.registeredVariables);
  const before = new Map(Object.values(engine.registeredVariables).map((v) => [v, v.dataId] as const));
  const previousListener = listenFresh((t, key, draw) => rec.fresh(t, key, draw));
  let depth = 0;
  const restore = hook(engine, {
    runKernel: (runKernel) => function (this: EngineHooks, name, inputs, attrs) {
      depth += 1;
      let out: tf.Tensor | tf.Tensor[];
      try {
        out = runKernel.call(this, name, inputs, attrs);
      } finally {
        depth -= 1;
      }
      if (depth === 0) rec.kernel(name, inputs, attrs, out);
      return out;
    },
    makeTensor: (makeTensor) => function (this: EngineHooks, ...a) {
      const t = makeTensor.apply(this, a);
      rec.uploads.add(t.dataId);
      return t;
    },
    readSync: (readSync) => function (this: EngineHooks, dataId) {
      rec.tape.reads += 1;
      return readSync.call(this, dataId);
    },
    read: (read) => function (this: EngineHooks, dataId) {
      rec.tape.reads += 1;
      return read.call(this, dataId);
    },
  });
  recordings += 1;
  try {
    const result = step();
    const returned = outputs(result);
    rec.tape.outputs = returned.map((t) => rec.slot(t));
    findAssigns(rec, before);
    const escapees = options.escapees ? findEscapees(rec, returned) : [];
    return { result, tape: rec.tape, escapees };
  } catch (e) {
    disposeTape(rec.tape);
    throw e;
  } finally {
    recordings -= 1;
    restore();
    listenFresh(previousListener);
  }
}
