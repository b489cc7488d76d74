/**
 * tfjs-core's `engine.runKernel` (what every op calls) without the bookkeeping it only needs for
 * profiling, debugging and its own memory-leak tests: the same kernel, outputs, saved tensors
 * and tape node, with less work around them.
 *
 * Why: tfjs's runKernel looks the kernel up twice (each lookup builds a "backend_kernel" key
 * string), builds two closures and a scopedRun per launch, and reads three environment flags.
 * A small network's training step is dozens of launches of small kernels, so the launch itself
 * is part of the step's time: the spiral's lecture step went 509 -> 499 us (minima of 30
 * alternating rounds, bench/README "Round 12").
 *
 * What it does is tfjs-core 4.22's runKernel and runKernelFunc (src/engine.ts; Apache-2.0) for
 * a registered kernel, step for step: the tape is on if a gradient is being recorded and no
 * kernel is running; the kernel runs with `kernelDepth` raised (so what it launches inside is not
 * taped); kernel outputs become tensors and, on the tape, what the kernel's registered gradient
 * needs is saved (through the engine's own `saveTensorsForBackwardMode`, which autodiff-clone.ts
 * may have replaced), both still inside; then a tape node is added. Under `tf.profile`, with the
 * DEBUG or IS_TEST flags, before the backend is initialized, or for a kernel the backend lacks
 * (tfjs's message), it calls tfjs's own runKernel.
 */
// Straight from tfjs, not ../backend: backend.ts imports the engine.
import * as tf from "@tensorflow/tfjs";
import { overrideEngineMethod, type Override } from "./kernel-override";

type RunKernel = (kernelName: string, inputs: tf.NamedTensorMap, attrs?: tf.NamedAttrMap) => tf.Tensor | tf.Tensor[];

/** The engine's internals this file uses (tfjs-core 4.22's Engine). */
interface EngineInternals {
  backendName: string | null;
  backend: tf.KernelBackend;
  ENV: { getBool(flag: string): boolean };
  state: { profiling: boolean; gradientDepth: number; kernelDepth: number };
  makeTensorFromTensorInfo(info: tf.TensorInfo): tf.Tensor;
  getTensorsForGradient(kernelName: string, inputs: tf.NamedTensorMap, outputs: tf.Tensor[]): tf.Tensor[];
  saveTensorsForBackwardMode(tensors: tf.Tensor[]): tf.Tensor[];
  addTapeNode(kernelName: string, inputs: tf.NamedTensorMap, outputs: tf.Tensor[], gradientsFunc: null, saved: tf.Tensor[], attrs?: tf.NamedAttrMap): void;
}

/** A kernel's output as a tensor: a TensorInfo becomes one (a Tensor, from tfjs-node's kernels, is one). */
function asTensor(engine: EngineInternals, out: tf.TensorInfo): tf.Tensor {
  return (out as tf.Tensor).rank != null ? (out as tf.Tensor) : engine.makeTensorFromTensorInfo(out);
}

function leanRunKernel(this: EngineInternals, kernelName: string, inputs: tf.NamedTensorMap, attrs?: tf.NamedAttrMap): tf.Tensor | tf.Tensor[] {
  const { state } = this;
  const kernel = this.backendName == null ? undefined : tf.getKernel(kernelName, this.backendName);
  if (kernel == null || state.profiling || this.ENV.getBool("DEBUG") || this.ENV.getBool("IS_TEST")) {
    return leanRunKernelOp.original().call(this, kernelName, inputs, attrs);
  }
  const isTapeOn = state.gradientDepth > 0 && state.kernelDepth === 0;
  const backend = this.backend;
  let out: tf.TensorInfo | tf.TensorInfo[];
  let outputs: tf.Tensor[];
  let saved: tf.Tensor[] = [];
  state.kernelDepth++;
  try {
    out = kernel.kernelFunc({ inputs, attrs, backend }) as tf.TensorInfo | tf.TensorInfo[];
    outputs = Array.isArray(out) ? out.map((o) => asTensor(this, o)) : [asTensor(this, out)];
    // Saved with the kernel depth still raised, as tfjs does: a clone that saves a tensor tapes
    // its own node, and its copy kernel must not add a second (a gradient of a gradient doubled).
    if (isTapeOn) saved = this.saveTensorsForBackwardMode(this.getTensorsForGradient(kernelName, inputs, outputs));
  } finally {
    state.kernelDepth--;
  }
  if (isTapeOn) this.addTapeNode(kernelName, inputs, outputs, null, saved, attrs);
  return Array.isArray(out) ? outputs : outputs[0];
}

/**
 * The replacement of tfjs-core's `engine.runKernel`, off until installed (`installEngine()`
 * installs it on wasm; it would run any backend's kernels the same way).
 * @example
 * leanRunKernelOp.uninstall();  // tfjs's own launch path
 */
export const leanRunKernelOp: Override<RunKernel> = overrideEngineMethod<RunKernel>("runKernel", leanRunKernel as unknown as RunKernel);
