/**
 * tfjs-core's `engine.addTapeNode` (how every op run under a gradient tape is written down), with
 * two additions for ./replay/backward.ts, which replays a backward pass it has seen before:
 *
 * - the node keeps the kernel's attributes and the gradient function it will call (tfjs hides both
 *   in a closure), so two tapes can be compared: the same kernels, attributes and gradient
 *   functions on the same shapes make the same backward pass;
 * - kernels that declare they ignore the gradient of an output (see {@link ignoresUnusedOutputs})
 *   get null for an output nothing used, instead of a tensor of zeros uploaded per step (tfjs's
 *   way, kept for every other kernel).
 *
 * Otherwise tfjs-core 4.22's method (src/engine.ts; Apache-2.0), step for step.
 */
// Straight from tfjs, not ../backend: backend.ts imports the engine.
import * as tf from "@tensorflow/tfjs";
import { overrideEngineMethod } from "./kernel-override";

type GradFunc = (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[], attrs: tf.NamedAttrMap) => Record<string, () => tf.Tensor>;

/** A tape node as tfjs writes it, with what this file adds. */
export interface TapeNode {
  id: number;
  kernelName: string;
  inputs: Record<string, tf.Tensor>;
  outputs: tf.Tensor[];
  saved?: tf.Tensor[];
  gradient?: (dys: (tf.Tensor | null)[]) => Record<string, () => tf.Tensor>;
  /** The kernel's attributes (undefined for a customGrad scope). */
  attrs?: tf.NamedAttrMap;
  /** The registered gradient function the node calls, or null (a customGrad's closure, or none). */
  registered?: GradFunc | null;
}

interface EngineInternals {
  state: { nextTapeNodeId: number; activeTape: TapeNode[] };
  makeTensor(values: unknown, shape: number[], dtype: tf.DataType): tf.Tensor;
}
type AddTapeNode = (kernelName: string, inputs: Record<string, tf.Tensor>, outputs: tf.Tensor[], gradientsFunc: GradFunc | null, saved: tf.Tensor[], attrs: tf.NamedAttrMap) => void;

const ignoring = new Set<string>();

/**
 * Declares that the registered gradient of `kernelName` ignores the gradients of outputs nothing
 * used (it gets null for them): e.g. a loss kernel's second output, kept for its backward pass.
 * @param kernelName - a kernel with a registered gradient
 */
export function ignoresUnusedOutputs(kernelName: string): void {
  ignoring.add(kernelName);
}

function addTapeNode(this: EngineInternals, kernelName: string, inputs: Record<string, tf.Tensor>, outputs: tf.Tensor[], gradientsFunc: GradFunc | null, saved: tf.Tensor[], attrs: tf.NamedAttrMap): void {
  const node: TapeNode = { id: this.state.nextTapeNodeId++, kernelName, inputs, outputs, saved, attrs };
  const config = tf.getGradient(kernelName);
  const gradFunc = (config?.gradFunc as GradFunc | undefined) ?? gradientsFunc;
  node.registered = config != null ? gradFunc : null;
  if (gradFunc != null) {
    const keepNull = ignoring.has(kernelName);
    node.gradient = (dys) => {
      const filled = dys.map((dy, i) => {
        if (dy != null || keepNull) return dy;
        const o = outputs[i];
        return this.makeTensor(tf.util.makeZerosTypedArray(o.size, o.dtype), o.shape, o.dtype);
      });
      return gradFunc((filled.length > 1 ? filled : filled[0]) as tf.Tensor | tf.Tensor[], saved, attrs);
    };
  }
  this.state.activeTape.push(node);
}

/**
 * The replacement of tfjs-core's `engine.addTapeNode`, off until installed; `installEngine()`
 * installs it on wasm.
 */
export const leanTapeNodes = overrideEngineMethod<AddTapeNode>("addTapeNode", addTapeNode as AddTapeNode);
