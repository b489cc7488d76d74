import { tf } from "../backend";
import { nonNegative, oneOf, positive, positiveInt, resolveOptions } from "../core/options";

/** Options of {@link lrRangeTest}. */
export interface LRRangeTestOptions {
  /** First learning rate, > 0. Default 1e-7. */
  startLr: number;
  /** Last learning rate, > startLr. Default 10. */
  endLr: number;
  /** Number of training steps (batches) in the sweep. Default: one pass, ceil(N / batchSize). */
  numIter: number;
  /** "exp": geometric spacing (the usual choice), "linear": even spacing. Default "exp". */
  stepMode: "exp" | "linear";
  /** Batch size N. Default 32. */
  batchSize: number;
  /** Weight of the new loss in the running average shown as `smoothedLosses`, in (0, 1]. Default 0.05. */
  smoothFactor: number;
  /** Stop once the smoothed loss exceeds divergeThreshold * its best value (0 never stops). Default 5. */
  divergeThreshold: number;
}

/** Result of {@link lrRangeTest}: arrays of the same length, one entry per step taken. */
export interface LRRangeTestResult {
  lrs: number[];
  losses: number[];
  smoothedLosses: number[];
  /** lr where the smoothed loss falls fastest (steepest negative slope against log lr). */
  steepestLr: number;
  /** lr of the lowest smoothed loss; a common pick for maxLr is this divided by 10. */
  minLossLr: number;
}

const DEFAULTS: LRRangeTestOptions = { startLr: 1e-7, endLr: 10, numIter: NaN, stepMode: "exp", batchSize: 32, smoothFactor: 0.05, divergeThreshold: 5 };

/**
 * LR range test (Smith 2015, "LR finder"): trains a compiled model for `numIter` batches (one
 * pass over the data by default) while the lr grows from startLr to endLr, and records the loss
 * at each lr. The loss falls once the lr
 * is large enough to learn and blows up when it is too large; CyclicLR's baseLr/maxLr are picked
 * from that curve. The model's weights and optimizer are restored afterwards: the sweep runs on
 * a fresh copy of the optimizer built from its config.
 *
 * @param model - a compiled model whose optimizer has a mutable `lr` (any `optim.*` optimizer)
 * @param x - inputs [N, ...]; batches are taken in order, cycling if numIter * batchSize > N
 *   (shuffle beforehand if the data are sorted)
 * @param y - targets [N, ...]
 * @param options - see {@link LRRangeTestOptions}
 * @returns lrs, losses and smoothedLosses [steps], with steepestLr and minLossLr
 * @throws Error `lrRangeTest: the model must be compiled with an optim.* optimizer (it needs a settable lr)`
 * @throws Error `lrRangeTest: expected endLr > startLr, got 1e-7 and 1e-8`
 * @example
 * model.compile({ optimizer: new optim.SGD({ momentum: 0.9 }), loss: "categoricalCrossentropy" });
 * const { lrs, smoothedLosses, steepestLr } = await optim.lrRangeTest(model, x, y, { endLr: 1, numIter: 100 });
 */
export async function lrRangeTest(model: tf.LayersModel, x: tf.Tensor, y: tf.Tensor, options?: Partial<LRRangeTestOptions>): Promise<LRRangeTestResult> {
  const o = resolveOptions("lrRangeTest", options, DEFAULTS, {
    startLr: positive, endLr: positive, numIter: positiveInt, stepMode: oneOf("exp", "linear"), batchSize: positiveInt,
    smoothFactor: (v) => (typeof v === "number" && v > 0 && v <= 1 ? null : "in (0, 1]"), divergeThreshold: nonNegative,
  });
  if (Number.isNaN(o.numIter)) o.numIter = Math.ceil(x.shape[0] / o.batchSize);
  if (o.endLr <= o.startLr) throw new Error(`lrRangeTest: expected endLr > startLr, got ${o.startLr} and ${o.endLr}`);
  const original = model.optimizer as (tf.Optimizer & { lr?: unknown }) | undefined;
  if (original == null || typeof original.lr !== "number") {
    throw new Error("lrRangeTest: the model must be compiled with an optim.* optimizer (it needs a settable lr)");
  }
  if (x.shape[0] !== y.shape[0]) throw new Error(`lrRangeTest: expected x and y with the same N, got ${x.shape[0]} and ${y.shape[0]}`);
  const ctor = original.constructor as unknown as { fromConfig(c: unknown, cfg: tf.serialization.ConfigDict): tf.Optimizer & { lr: number } };
  const sweep = ctor.fromConfig(original.constructor, original.getConfig());
  const saved = model.getWeights().map((w) => w.clone());
  model.optimizer = sweep;
  const result = { lrs: [] as number[], losses: [] as number[], smoothedLosses: [] as number[] };
  try {
    await run(model, sweep, x, y, o, result);
  } finally {
    model.optimizer = original;
    model.setWeights(saved);
    tf.dispose(saved);
    sweep.dispose();
  }
  return { ...result, ...suggest(result.lrs, result.smoothedLosses) };
}

type Curves = { lrs: number[]; losses: number[]; smoothedLosses: number[] };

async function run(model: tf.LayersModel, opt: { lr: number }, x: tf.Tensor, y: tf.Tensor, o: LRRangeTestOptions, out: Curves): Promise<void> {
  const n = x.shape[0];
  let best = Infinity;
  for (let i = 0; i < o.numIter; i++) {
    const r = o.numIter === 1 ? 0 : i / (o.numIter - 1);
    opt.lr = o.stepMode === "exp" ? o.startLr * Math.pow(o.endLr / o.startLr, r) : o.startLr + (o.endLr - o.startLr) * r;
    const start = (i * o.batchSize) % n;
    const size = Math.min(o.batchSize, n - start);
    const [xb, yb] = [x.slice(start, size), y.slice(start, size)];
    const value = await model.trainOnBatch(xb, yb);
    tf.dispose([xb, yb]);
    const loss = Array.isArray(value) ? value[0] : value;
    const prev = out.smoothedLosses[out.smoothedLosses.length - 1];
    const smooth = prev === undefined ? loss : o.smoothFactor * loss + (1 - o.smoothFactor) * prev;
    out.lrs.push(opt.lr);
    out.losses.push(loss);
    out.smoothedLosses.push(smooth);
    best = Math.min(best, smooth);
    if (!Number.isFinite(smooth) || (o.divergeThreshold > 0 && smooth > o.divergeThreshold * best)) break;
  }
}

function suggest(lrs: number[], losses: number[]): { steepestLr: number; minLossLr: number } {
  let minAt = 0;
  let steepAt = 0;
  let steepest = Infinity;
  for (let i = 0; i < losses.length; i++) {
    if (losses[i] < losses[minAt]) minAt = i;
    if (i > 0 && i < losses.length - 1) {
      const slope = (losses[i + 1] - losses[i - 1]) / (Math.log(lrs[i + 1]) - Math.log(lrs[i - 1]));
      if (slope < steepest) (steepest = slope), (steepAt = i);
    }
  }
  return { steepestLr: lrs[steepAt] ?? NaN, minLossLr: lrs[minAt] ?? NaN };
}
