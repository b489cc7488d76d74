/**
 * `optim.compileStep`: a training step whose kernels are recorded once and then replayed without
 * tfjs's per-kernel engine bookkeeping (the idea of CUDA graphs and torch.compile). On a small
 * network a step is hundreds of tiny kernels, and the engine's work around each (scopes, autodiff
 * tape, tensor tracking, kernel lookup) costs more than the arithmetic: bench/README.md
 * ("Engine overhead (round 2)") measures it. The replayed kernels are the recorded ones, in the
 * same order, on the same data, so every number is bit-identical to the eager step's.
 *
 * What is replayed: the loss and its gradients (`tf.variableGrads`). The optimizer's update runs
 * eagerly after it (one fused kernel per parameter on wasm), so learning-rate schedules, step
 * counts and state created on the first step behave as always.
 */
import { tf } from "../backend";
import { checkOptions, describe } from "../core/options";
import { StepPlan, argumentSignature, type PlanOutcome } from "../engine/replay";

/** Options of {@link compileStep}. */
export interface CompileStepOptions {
  /** Variables to train. Default: every trainable variable, as `tf.variableGrads`. */
  varList?: tf.Variable[];
  /** Return the gradients to the caller (who disposes them). Default false: disposed after the update. */
  keepGrads?: boolean;
  /** When the step cannot be replayed: "eager" (default) runs it eagerly, "throw" throws why. */
  fallback?: "eager" | "throw";
}

/** What one compiled step returns: the loss before the update, and the gradients if kept. */
export interface StepResult {
  /** The loss, a scalar tensor; the caller disposes it. */
  loss: tf.Scalar;
  /** Gradients by variable name (with `keepGrads`; the caller disposes them), else null. */
  grads: tf.NamedTensorMap | null;
}

/** Counts of how the calls ran, and the last reason for running eagerly (null if none). */
export interface CompileStats {
  recorded: number;
  replayed: number;
  eager: number;
  reason: string | null;
}

/** The compiled step: call it with the step's tensors; dispose it when training ends. */
export interface CompiledStep<A extends tf.Tensor[]> {
  (...args: A): StepResult;
  /** How the calls so far ran. */
  readonly stats: CompileStats;
  /** Releases the recordings (the constants they keep); the step cannot be called afterwards. */
  dispose(): void;
}

const WHERE = "optim.compileStep";
/** Signatures (argument shapes and dtypes) remembered at once, e.g. full batches and a last short one. */
const MAX_SIGNATURES = 4;

/**
 * Compiles `loss -> gradients -> optimizer update` into a step that replays its recorded kernels.
 *
 * The first two calls with a given argument signature run eagerly and are recorded; if both
 * recordings are the same program, later calls replay it. Tensors that change between steps
 * (batches) must be ARGUMENTS: a tensor the loss function reads from its closure is a constant of
 * the recording (disposing it makes the step record again; an argument must not also be read
 * from the closure, as the recording cannot tell the two apart). Tensors made in the loss function
 * from JS numbers are constants too. Variables the step assigns (nn.BatchNorm's running
 * statistics) are assigned again after each replay, and the masks of nn.Dropout and tf.dropout
 * (tf.layers.dropout) are drawn anew (nn.Dropout's seed advancing as in an eager call). A step
 * that draws random numbers by other means (tf.randomUniform, tf.layers.gaussianNoise), reads
 * tensor values into JS at every call (dataSync) or assigns a variable data it did not compute is
 * not replayable: it runs eagerly (`stats.reason` says why) or throws with `fallback: "throw"`.
 * Other argument shapes are recorded anew (up to 4 signatures). Kernels are replayed on the wasm
 * backend (the default); on others the step runs eagerly.
 *
 * @param lossFn - computes the scalar loss from the step's arguments with tfjs ops
 * @param optimizer - any tf.Optimizer (`optim.SGD`, `optim.Adam`, ...); `applyGradients` runs eagerly
 * @param options - see {@link CompileStepOptions}
 * @returns the step function
 * @throws Error `optim.compileStep: expected lossFn to be a function, got ...` (likewise optimizer, options)
 * @throws Error at a call: arguments that are not tensors; a loss that is not a scalar; with
 *   `fallback: "throw"`, why the step cannot be replayed
 * @example
 * const step = optim.compileStep((x, y) => losses.crossEntropy(y, model.apply(x) as tf.Tensor) as tf.Scalar, new optim.SGD({ lr: 0.1 }));
 * for (let i = 0; i < 1000; i++) step(X, Y).loss.dispose();
 * step.dispose();
 */
export function compileStep<A extends tf.Tensor[]>(lossFn: (...args: A) => tf.Scalar, optimizer: tf.Optimizer, options?: CompileStepOptions): CompiledStep<A> {
  if (typeof lossFn !== "function") throw new Error(`${WHERE}: expected lossFn to be a function, got ${describe(lossFn)}`);
  if (typeof (optimizer as { applyGradients?: unknown })?.applyGradients !== "function") {
    throw new Error(`${WHERE}: expected optimizer to be a tf.Optimizer (optim.SGD, optim.Adam, ...), got ${describe(optimizer)}`);
  }
  const o = checkOptions(WHERE, options, { varList: true, keepGrads: true, fallback: true });
  if (o.fallback != null && o.fallback !== "eager" && o.fallback !== "throw") throw new Error(`${WHERE}: expected fallback "eager" or "throw", got ${describe(o.fallback)}`);
  const grads = (args: tf.Tensor[]) => () => tf.variableGrads(() => scalarLoss(lossFn(...(args as A))), o.varList);
  const plans = new Map<string, StepPlan>();
  const stats: CompileStats = { recorded: 0, replayed: 0, eager: 0, reason: null };
  let disposed = false;

  const step = ((...args: A): StepResult => {
    if (disposed) throw new Error(`${WHERE}: the step was disposed`);
    const key = signature(args);
    const plan = plans.get(key) ?? remember(plans, key, new StepPlan());
    const { value, grads: g, outcome } = plan.run(args, grads(args));
    count(stats, outcome);
    if (outcome.ran === "eager" && o.fallback === "throw") {
      tf.dispose([value, ...Object.values(g)]);
      throw new Error(`${WHERE}: cannot replay the step: ${outcome.reason}`);
    }
    optimizer.applyGradients(g);
    if (!o.keepGrads) tf.dispose(Object.values(g));
    return { loss: value, grads: o.keepGrads ? g : null };
  }) as CompiledStep<A>;
  Object.defineProperty(step, "stats", { get: () => ({ ...stats }) });
  step.dispose = () => {
    for (const p of plans.values()) p.forget();
    plans.clear();
    disposed = true;
  };
  return step;
}

function scalarLoss(loss: unknown): tf.Scalar {
  if (!(loss instanceof tf.Tensor) || loss.rank !== 0) {
    const got = loss instanceof tf.Tensor ? `a tensor of shape [${loss.shape}]` : describe(loss);
    throw new Error(`${WHERE}: expected lossFn to return a scalar tensor, got ${got}`);
  }
  return loss as tf.Scalar;
}

/** Shapes and dtypes of the arguments, and which arguments are the same tensor data (a recording binds by data). */
function signature(args: tf.Tensor[]): string {
  args.forEach((t, i) => {
    if (!(t instanceof tf.Tensor)) throw new Error(`${WHERE}: expected the step's arguments to be tensors, got ${describe(t)} as argument ${i}`);
  });
  return argumentSignature(args);
}

function remember(plans: Map<string, StepPlan>, key: string, plan: StepPlan): StepPlan {
  if (plans.size >= MAX_SIGNATURES) {
    const [oldest] = plans.keys();
    plans.get(oldest)!.forget();
    plans.delete(oldest);
  }
  plans.set(key, plan);
  return plan;
}

function count(stats: CompileStats, outcome: PlanOutcome): void {
  stats[outcome.ran] += 1;
  if (outcome.ran === "eager" && outcome.reason != null) stats.reason = outcome.reason;
}
