/**
 * tfjs-core's `engine.gradients` (behind tf.grad, tf.variableGrads and optimizer.minimize) with a
 * faster tape filter: the same nodes, inputs and order, so the same backward pass and bits.
 *
 * Why: tfjs's filter (tape.ts `getFilteredNodesXToY`) marks tensors and nodes in plain objects
 * keyed by ids (sparse integer keys, which V8 stores as dictionaries), and it tests each node input
 * once per x. In the spiral's lecture step it was 3.4% of the step's time for an 18-node tape.
 * Here the marks are Sets (bench/README "Round 9"). The rest of
 * `gradients` and the backward walk are tfjs-core 4.22's (src/engine.ts, src/tape.ts; Apache-2.0),
 * step for step, with their messages; where a backward pass may be replayed ({@link backwardReplay},
 * ./replay/backward.ts: a first-order gradient on wasm), the walk runs through the replayer,
 * which runs it itself until it has seen the pass's structure settle.
 */
// Straight from tfjs, not ../backend: backend.ts imports the engine.
import * as tf from "@tensorflow/tfjs";
import { override, overrideEngineMethod } from "./kernel-override";
import type { TapeNode } from "./tape-node";
import { replayBackward, type BackwardPass } from "./replay/backward";
import { isRecording } from "./replay/record";
import { REPLAY_BACKEND } from "./replay/plan";

type Gradients = (f: () => tf.Tensor, xs: tf.Tensor[], dy?: tf.Tensor, allowNoGradients?: boolean) => { value: tf.Tensor; grads: tf.Tensor[] };
interface EngineInternals {
  state: { activeTape: TapeNode[] | null; gradientDepth: number; kernelDepth: number; profiling: boolean };
  scopedRun<T>(start: () => void, end: () => void, f: () => T): T;
  startTape(): void;
  endTape(): void;
  tidy<T>(nameOrFn: string | (() => T), fn?: () => T): T;
}

/** The nodes of `tape` on a path from `xs` to `y`, in tape order, each with the inputs that come from `xs`. */
export function filterTape(tape: TapeNode[], xs: tf.Tensor[], y: tf.Tensor): TapeNode[] {
  const fromX = new Set<number>(xs.map((x) => x.id));
  const nodesFromX = new Set<number>();
  for (const node of tape) {
    for (const name in node.inputs) {
      if (fromX.has(node.inputs[name].id)) {
        for (const o of node.outputs) fromX.add(o.id);
        nodesFromX.add(node.id);
        break;
      }
    }
  }
  const toY = new Set<number>([y.id]);
  const nodesToY = new Set<number>();
  for (let i = tape.length - 1; i >= 0; i--) {
    const node = tape[i];
    if (!node.outputs.some((o) => toY.has(o.id))) continue;
    for (const name in node.inputs) {
      toY.add(node.inputs[name].id);
      nodesToY.add(node.id);
    }
  }
  const filtered: TapeNode[] = [];
  for (const node of tape) {
    if (!nodesFromX.has(node.id) || !nodesToY.has(node.id)) continue;
    const inputs: Record<string, tf.Tensor> = {};
    for (const name in node.inputs) if (fromX.has(node.inputs[name].id)) inputs[name] = node.inputs[name];
    filtered.push({ ...node, inputs, outputs: node.outputs });
  }
  return filtered;
}

/** Walks `tape` backward from the gradients in `grads` (by tensor id), adding each input's gradient in. */
function backpropagate(grads: Map<number, tf.Tensor>, tape: TapeNode[], tidy: (f: () => tf.Tensor) => tf.Tensor): void {
  for (let i = tape.length - 1; i >= 0; i--) {
    const node = tape[i];
    const dys = node.outputs.map((o) => grads.get(o.id) ?? null);
    if (node.gradient == null) throw new Error(`Cannot compute gradient: gradient function not found for ${node.kernelName}.`);
    const inputGradients = node.gradient(dys);
    for (const name in node.inputs) {
      if (!(name in inputGradients)) {
        throw new Error(`Cannot backprop through input ${name}. Available gradients found: ${Object.keys(inputGradients)}.`);
      }
      const dx = tidy(() => inputGradients[name]());
      if (dx.dtype !== "float32") {
        throw new Error(`Error in gradient for op ${node.kernelName}. The gradient of input ${name} must have 'float32' dtype, but has '${dx.dtype}'`);
      }
      const x = node.inputs[name];
      if (!tf.util.arraysEqual(dx.shape, x.shape)) {
        throw new Error(`Error in gradient for op ${node.kernelName}. The gradient of input '${name}' has shape '${dx.shape}', which does not match the shape of the input '${x.shape}'`);
      }
      const current = grads.get(x.id);
      grads.set(x.id, current == null ? dx : tf.add(current, dx));
      current?.dispose();
    }
  }
}

function leanGradients(this: EngineInternals, f: () => tf.Tensor, xs: tf.Tensor[], dy?: tf.Tensor, allowNoGradients = false) {
  tf.util.assert(xs.length > 0, () => "gradients() received an empty list of xs.");
  if (dy != null && dy.dtype !== "float32") throw new Error(`dy must have 'float32' dtype, but has '${dy.dtype}'`);
  const y = this.scopedRun(() => this.startTape(), () => this.endTape(), () => this.tidy("forward", f));
  tf.util.assert(y instanceof tf.Tensor, () => "The result y returned by f() must be a tensor.");
  const filtered = filterTape(this.state.activeTape!, xs, y);
  if (!allowNoGradients && filtered.length === 0 && xs.length > 0) {
    throw new Error("Cannot compute gradient of y=f(x) with respect to x. Make sure that the f you passed encloses all operations that lead from x to y.");
  }
  return this.tidy("backward", () => {
    const seed = dy ?? tf.ones(y.shape);
    const eager = () => {
      const grads = new Map<number, tf.Tensor>([[y.id, seed]]);
      backpropagate(grads, filtered, (g) => this.tidy(g));
      return xs.map((x) => grads.get(x.id));
    };
    const out = replayable(this) ? backwardSlot.current(filtered, xs, y, seed, eager) : eager();
    if (this.state.gradientDepth === 0) {
      // Not a higher-order gradient: the tape and what it saved can go.
      for (const node of this.state.activeTape!) for (const t of node.saved ?? []) t.dispose();
      this.state.activeTape = null;
    }
    return { value: y, grads: out } as unknown as tf.Tensor;
  }) as unknown as { value: tf.Tensor; grads: tf.Tensor[] };
}

/**
 * Whether the backward pass about to run may be replayed: a first-order gradient (nothing records
 * the backward pass), on wasm, not profiled (tf.profile lists the kernels) and not inside a step
 * being recorded for replay (its recorder must see every kernel).
 */
function replayable(engine: EngineInternals): boolean {
  const { state } = engine;
  return state.gradientDepth === 0 && state.kernelDepth === 0 && !state.profiling && !isRecording() &&
    tf.getBackend() === REPLAY_BACKEND && !tf.env().getBool("DEBUG");
}

type Backward = (tape: TapeNode[], xs: tf.Tensor[], y: tf.Tensor, dy: tf.Tensor, eager: BackwardPass) => (tf.Tensor | undefined)[];
const backwardSlot: { current: Backward } = { current: (_tape, _xs, _y, _dy, eager) => eager() };

/**
 * Replaying seen backward passes (./replay/backward.ts) inside {@link leanTape}'s gradients, off
 * until installed (`installEngine()` does).
 * @example
 * backwardReplay.uninstall();  // every backward pass eagerly, through the engine
 */
export const backwardReplay = override<Backward>("backward pass replay", {
  read: () => backwardSlot.current,
  write: (f) => (backwardSlot.current = f),
}, replayBackward);

/**
 * The replacement of tfjs-core's `engine.gradients` by {@link leanGradients}, off until installed;
 * `installEngine()` installs it on wasm.
 * @example
 * leanTape.uninstall();  // tfjs's own filter
 */
export const leanTape = overrideEngineMethod<Gradients>("gradients", leanGradients as Gradients);
