/**
 * model.fit's training steps replayed (./plan.ts) instead of run through tfjs's engine: on an
 * MNIST-sized model a step is ~60 kernels, and the engine's work around each (scopes, autodiff
 * tape, tensor tracking) plus tfjs-layers' graph walk cost about as much as everything but the
 * matrix products. Same kernels, same order, same data: the same bits as the eager step.
 *
 * How: tfjs-layers' train function (`LayersModel.makeTrainFunction`, one per fit or fitDataset)
 * gets the batch as its arguments and calls `optimizer.minimize(totalLoss, true, weights)`, where
 * `totalLoss` closes over that batch. The wrapped train function makes the batch known; the
 * wrapped `minimize` then computes loss and gradients through a StepPlan with the batch as the
 * step's arguments (per signature of shapes, dtypes and trained weights: one step eagerly, two
 * recorded, then replayed),
 * and applies the gradients eagerly as tfjs's `minimize` does, so learning-rate schedules and
 * optimizer state behave as always. Metrics (tensors the loss function keeps) are replayed as the
 * step's escapees; BatchNorm's running statistics are re-assigned; dropout masks are drawn anew.
 * A step that cannot be replayed (other random draws, values read into JS) runs eagerly:
 * `optim.fitReplayStats()` says why; `optim.useReplayedFit(false)` turns replay off. Recordings
 * live as long as one fit call (each fit records its own steps again, so a model changed between
 * fits is seen); trainOnBatch, one step a call, runs eagerly. ./fit-override.ts installs it.
 */
// Straight from tfjs, not ../../backend: backend.ts imports the engine.
import * as tf from "@tensorflow/tfjs";
import { StepPlan, argumentSignature, type PlanResult } from "./plan";
import { replayedFitEnabled, startFitStats, type FitReplayStats } from "../../optim/fit-replay";

/** tfjs's `Optimizer.minimize`. */
export type Minimize = (this: tf.Optimizer, f: () => tf.Scalar, returnCost?: boolean, varList?: tf.Variable[]) => tf.Scalar | null;
/** What tfjs-layers' `makeTrainFunction` returns: one step on [inputs, targets, sample weights]. */
export type TrainFunction = (data: tf.Tensor[]) => tf.Scalar[];
/** `LayersModel.fit` or `fitDataset`. */
export type Fit = (this: tf.LayersModel, ...args: unknown[]) => Promise<tf.History>;

/** One fit's state: its plans by signature and its counts. */
interface FitState {
  plans: Map<string, StepPlan>;
  stats: FitReplayStats;
}

/** The call of the train function in progress: whose optimizer, which batch, and (after minimize) what ran. */
interface Call {
  optimizer: tf.Optimizer;
  data: tf.Tensor[];
  fit: FitState;
  plan: StepPlan | null;
  result: PlanResult | null;
}

let active: Call | null = null;
/** The models inside a fit call, with the states of the train functions made during it (released when it ends). */
const fitting = new WeakMap<tf.LayersModel, FitState[]>();

/** The batch's signature with the trained weights' names. */
function signature(data: (tf.Tensor | null)[], varList: tf.Variable[]): string {
  return `${argumentSignature(data)}|${varList.map((v) => v.name).join(",")}`;
}

/** model.fit or model.fitDataset (`original`), releasing the recordings of its steps when it ends (however it ends). */
export async function fitWith(original: Fit, model: tf.LayersModel, args: unknown[]): Promise<tf.History> {
  if (!replayedFitEnabled()) {
    startFitStats("off: optim.useReplayedFit(false)");
    return original.apply(model, args);
  }
  const states: FitState[] = [];
  fitting.set(model, states);
  try {
    return await original.apply(model, args);
  } finally {
    fitting.delete(model);
    for (const s of states) for (const p of s.plans.values()) p.forget();
  }
}

/**
 * The train function `inner` of `model` (tfjs-layers' own), made to hand its batch to
 * {@link minimizeWith}; unchanged outside fit and fitDataset (trainOnBatch: one step, nothing to replay).
 */
export function trainFunctionOf(model: tf.LayersModel, inner: TrainFunction): TrainFunction {
  const states = fitting.get(model);
  if (states == null) return inner;
  const fit: FitState = { plans: new Map(), stats: startFitStats() };
  states.push(fit);
  return (data: tf.Tensor[]) => {
    const optimizer = (model as unknown as { optimizer_: tf.Optimizer }).optimizer_;
    const call: Call = { optimizer, data, fit, plan: null, result: null };
    const outer = active;
    active = call;
    let out: tf.Scalar[];
    try {
      out = inner(data);
    } finally {
      active = outer;
    }
    return call.result == null ? out : withMetrics(call, out);
  };
}

/** The train function's result with the metrics in place: replayed ones appended, recorded ones checked. */
function withMetrics(call: Call, out: tf.Scalar[]): tf.Scalar[] {
  const { result, plan, fit } = call;
  if (result!.outcome.ran === "replayed") return [out[0], ...(result!.escapees as tf.Scalar[])];
  const metrics = out.slice(1);
  const same = metrics.length === result!.escapees.length && metrics.every((m, i) => m === result!.escapees[i]);
  if (!same && result!.outcome.ran === "recorded") {
    plan!.refuse("the loss function keeps tensors other than the model's metrics");
    fit.stats.reason = "the loss function keeps tensors other than the model's metrics";
  }
  return out;
}

/**
 * `optimizer.minimize(f, returnCost, varList)`: through the step plan when a train function of a
 * fit called it (with the batch as the step's arguments), else tfjs's own (`original`).
 */
export function minimizeWith(original: Minimize, optimizer: tf.Optimizer, f: () => tf.Scalar, returnCost = false, varList?: tf.Variable[]): tf.Scalar | null {
  const call = active;
  if (call == null || call.optimizer !== optimizer || varList == null || call.plan != null) {
    return original.call(optimizer, f, returnCost, varList);
  }
  const key = signature(call.data, varList);
  // One warm-up step per signature: a fit of one batch (a widget retraining) pays no recording.
  const plan = call.fit.plans.get(key) ?? new StepPlan({ escapees: true, warmup: 1 });
  call.fit.plans.set(key, plan);
  call.plan = plan;
  const result = plan.run(call.data.filter((t) => t != null), () => optimizer.computeGradients(f, varList));
  call.result = result;
  const { stats } = call.fit;
  stats[result.outcome.ran] += 1;
  if (result.outcome.ran === "eager" && result.outcome.reason != null) stats.reason = result.outcome.reason;
  // As tfjs's minimize: the gradients in varList's order, then disposed.
  optimizer.applyGradients(varList.map((v) => ({ name: v.name, tensor: result.grads[v.name] })));
  tf.dispose(result.grads);
  if (returnCost) return result.value;
  result.value.dispose();
  return null;
}
