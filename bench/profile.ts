/**
 * Where a training step's time goes on the TypeScript side: kernels launched per step, the
 * time inside kernels (tf.profile), and the rest (tfjs's engine: tape, tidy, dispose, dispatch;
 * and JS glue). Pair with bench/profile_peer.py (PyTorch's op count and time per op).
 *
 * Usage: node --import tsx bench/profile.ts [spiral|sst2|mnist|fit|dispatch|callers [tfjs] ...]
 */
import { tf, ready, data, optim, nn, losses } from "dlcourse";
import { wasmMatMul, autodiffClone, installEngine, uninstallEngine } from "../lib/engine";
import { StepPlan } from "../lib/engine/replay";
import { mnistEpoch } from "./mnist";
import { spiralTrainer, spiralInit, type SpiralVariant } from "./spiral";

type Step = () => void | Promise<void>;

/**
 * The wasm configurations compared: tfjs's own kernels and engine, + lib/engine/wasm-matmul.ts, +
 * lib/engine/autodiff-clone.ts, and the default that `ready()` gives notebooks now (all of lib/engine:
 * also gemm/ and the fused optimizer and BatchNorm kernels).
 */
const CONFIGS = [
  { name: "wasm-tfjs", set: () => (uninstallEngine(), optim.useFusedUpdates(false)) },
  { name: "wasm+mm", set: () => (uninstallEngine(), wasmMatMul.install(), optim.useFusedUpdates(false)) },
  { name: "wasm+mm+clone", set: () => (uninstallEngine(), wasmMatMul.install(), autodiffClone.install(), optim.useFusedUpdates(false)) },
  { name: "wasm default (ready(): all of lib/engine)", set: () => (installEngine(), optim.useFusedUpdates(true)) },
];

/** Runs `step` n times unprofiled for the wall time, then once under tf.profile. */
async function profileStep(name: string, step: Step, n: number): Promise<void> {
  await step();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await step();
  const wall = (performance.now() - t0) / n;
  const info = await tf.profile(async () => {
    await step();
  });
  const byKernel = new Map<string, { n: number; ms: number }>();
  let kernelMs = 0;
  for (const k of info.kernels) {
    const ms = Number(k.kernelTimeMs) || 0;
    kernelMs += ms;
    const e = byKernel.get(k.name) ?? { n: 0, ms: 0 };
    byKernel.set(k.name, { n: e.n + 1, ms: e.ms + ms });
  }
  const top = [...byKernel].sort((a, b) => b[1].ms - a[1].ms).slice(0, 6).map(([k, v]) => `${k} x${v.n} ${v.ms.toFixed(2)}`).join(", ");
  console.log(`${name}: ${wall.toFixed(2)} ms/step wall; ${info.kernels.length} kernels, ${kernelMs.toFixed(2)} ms in kernels (profiled run), ` +
    `~${((wall * 1000) / info.kernels.length).toFixed(0)} us per kernel all-in\n    top: ${top}`);
}

/** Cost of launching one tiny kernel: the floor under every step's time. */
async function dispatch(): Promise<void> {
  for (const backend of ["wasm", "cpu"] as const) {
    await ready({ backend });
    const s = tf.scalar(1);
    const n = 5000;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) tf.add(s, s).dispose();
    const t1 = performance.now();
    for (let i = 0; i < n; i++) tf.tidy(() => tf.add(s, s)).dispose();
    const t2 = performance.now();
    const v = tf.variable(tf.zeros([50, 50]));
    const w = tf.zeros([50, 50]);
    for (let i = 0; i < n / 10; i++) tf.tidy(() => tf.grad((x: tf.Tensor) => tf.sum(tf.mul(x, w)))(v));
    const t3 = performance.now();
    for (let i = 0; i < n / 10; i++) s.dataSync();
    const t4 = performance.now();
    console.log(`dispatch ${backend}: add ${((t1 - t0) * 1000 / n).toFixed(1)} us, add in tidy ${((t2 - t1) * 1000 / n).toFixed(1)} us, ` +
      `grad of sum(x*w) ${((t3 - t2) * 10000 / n).toFixed(1)} us, dataSync of a scalar ${((t4 - t3) * 10000 / n).toFixed(1)} us`);
    tf.dispose([s, v, w]);
  }
}

async function spiral(): Promise<void> {
  const { x, y } = data.spiral({ seed: 0 });
  const init = spiralInit(1);
  const only = process.env.SPIRAL_VARIANTS?.split(",");
  const all = [["wasm-tfjs", "lecture"], ["wasm", "lecture"], ["wasm", "fused"], ["wasm", "sequential"], ["wasm", "manual"], ["cpu", "manual"]] as ["wasm-tfjs" | "wasm" | "cpu", SpiralVariant][];
  for (const [backend, variant] of all.filter(([, v]) => only == null || only.includes(v))) {
    await ready({ backend: backend === "cpu" ? "cpu" : "wasm" });
    if (backend !== "cpu") CONFIGS[backend === "wasm" ? CONFIGS.length - 1 : 0].set();
    for (const act of ["relu", "sigmoid"] as const) {
      const t = spiralTrainer(x, y, init, act, variant);
      await profileStep(`spiral ${act} ${backend}/${variant}`, () => void t.step(), 50);
      t.dispose();
    }
  }
}

async function sst2(): Promise<void> {
  await ready({ backend: "wasm" });
  const x = tf.randomUniform([5000, 1839], 0, 1) as tf.Tensor2D;
  const yAll = tf.oneHot(tf.randomUniform([5000], 0, 2, "int32") as tf.Tensor1D, 2).toFloat();
  const model = tf.sequential({ layers: [new nn.Dropout({ p: 0.5, inputShape: [1839], seed: 0 }), tf.layers.dense({ units: 16, activation: "relu" }), tf.layers.dense({ units: 2 })] });
  const opt = new optim.Adam({ lr: 3e-4 });
  const rng = data.seededRng(0);
  const step = () => {
    const ix = tf.tensor1d(data.randomBatch(5000, 256, rng), "int32");
    const [xb, yb] = [tf.gather(x, ix), tf.gather(yAll, ix)];
    const l = opt.minimize(() => losses.crossEntropy(yb, model.apply(xb, { training: true }) as tf.Tensor) as tf.Scalar, true)!;
    l.dataSync();
    tf.dispose([ix, xb, yb, l]);
  };
  for (const c of CONFIGS) {
    c.set();
    await profileStep(`sst2 ${c.name}/minimize`, step, 10);
  }
  CONFIGS[CONFIGS.length - 1].set();
}

async function mnist(): Promise<void> {
  await ready({ backend: "wasm" });
  for (const c of CONFIGS) {
    c.set();
    const hidden = (units: number, first: boolean) => [tf.layers.dense(first ? { units, inputShape: [784] } : { units }), new nn.BatchNorm(), tf.layers.reLU(), new nn.Dropout({ p: 0.2, seed: 0 })];
    const model = tf.sequential({ layers: [...hidden(256, true), ...hidden(128, false), tf.layers.dense({ units: 10 })] });
    model.compile({ optimizer: new optim.Adam({ lr: 1e-3 }), loss: (t: tf.Tensor, p: tf.Tensor) => losses.crossEntropy(t, p) });
    const xb = tf.randomUniform([64, 784]);
    const yb = tf.oneHot(tf.randomUniform([64], 0, 10, "int32") as tf.Tensor1D, 10).toFloat();
    await profileStep(`mnist ${c.name}/trainOnBatch (one batch of 64)`, async () => void (await model.trainOnBatch(xb, yb)), 10);
  }
  CONFIGS[CONFIGS.length - 1].set();
}

/** Adds the wall time of every call of `obj[name]` to `into[label]`. */
function timeCalls(obj: object, name: string, into: Record<string, number>, label: string): () => void {
  const o = obj as Record<string, (...a: unknown[]) => unknown>;
  const f = o[name];
  o[name] = function (this: unknown, ...a: unknown[]) {
    const t0 = performance.now();
    try {
      return f.apply(this, a);
    } finally {
      into[label] = (into[label] ?? 0) + performance.now() - t0;
    }
  };
  return () => void (o[name] = f);
}

/**
 * Where a batch of bench workload 3 (MNIST, model.fit with its replayed steps) goes: wall time per
 * batch of the step plan's loss and gradients (replayed), of the optimizer's update, of the rest of
 * `minimize`, and of fit's own per-batch work (the rest), over 4 epochs (the first warms up).
 */
async function fit(): Promise<void> {
  await ready({ backend: "wasm" });
  const { train } = data.loadMnist({ count: 10000, testFraction: 0, seed: 0 });
  const yHot = tf.tidy(() => tf.oneHot(train.y, 10).toFloat()) as tf.Tensor2D;
  const batches = Math.ceil(10000 / 64);
  for (let e = 0; e < 4; e++) {
    const t: Record<string, number> = {};
    const undo = [timeCalls(StepPlan.prototype, "run", t, "plan"), timeCalls(optim.Adam.prototype, "applyGradients", t, "adam"), timeCalls(tf.Optimizer.prototype, "minimize", t, "minimize")];
    const { seconds } = await mnistEpoch(train.x as tf.Tensor2D, yHot);
    undo.forEach((u) => u());
    const us = (ms: number) => `${((ms / batches) * 1000).toFixed(0)} us`;
    const all = seconds * 1000;
    console.log(`mnist fit epoch ${seconds.toFixed(3)} s: per batch ${us(all)} = loss and gradients (plan) ${us(t.plan)} + Adam ${us(t.adam)} + ` +
      `rest of minimize ${us(t.minimize - t.plan - t.adam)} + fit's own ${us(all - t.minimize)}; ${JSON.stringify(optim.fitReplayStats())}`);
  }
  tf.dispose([train.x, train.y, yHot]);
}

/**
 * Every kernel one spiral step launches, counted by the first lib/ or bench/ frame that called it
 * (SPIRAL_VARIANT=lecture|fused|sequential|manual, default lecture): where the Identity / Reshape /
 * Cast bookkeeping comes from. Kernels with no such frame come from tfjs-core alone (its gradient
 * functions and engine); `callers tfjs` groups by the first tfjs-core function instead.
 */
async function callers(): Promise<void> {
  await ready();
  Error.stackTraceLimit = 60;
  const byTfjs = process.argv.includes("tfjs");
  const { x, y } = data.spiral({ seed: 0 });
  const t = spiralTrainer(x, y, spiralInit(1), "relu", (process.env.SPIRAL_VARIANT ?? "lecture") as SpiralVariant);
  t.step();
  const engine = tf.engine() as unknown as { runKernel: (...a: unknown[]) => unknown };
  const run = engine.runKernel;
  const counts = new Map<string, number>();
  engine.runKernel = function (this: unknown, ...a: unknown[]) {
    const frames = (new Error().stack ?? "").split("\n").slice(2).map((l) => l.trim().replace(/^at /, ""));
    const mine = frames.find((l) => /\/(lib|bench)\//.test(l) && !/profile\.ts/.test(l));
    // The gradient function if a gradient launched it, else the op that called the kernel's op.
    const core = frames.filter((l) => /tfjs-core/.test(l) && !/engine|operation|runKernel|tape\.|tensor\.|tidy|chained_ops/.test(l));
    const tfjs = core.find((l) => /_grad|gradFunc|saveFunc|Engine\.clone/.test(l)) ?? core[1] ?? core[0];
    const where = (byTfjs ? tfjs : mine) ?? (byTfjs ? "?" : "tfjs-core only");
    const k = `${a[0]} <- ${where.replace(/\(.*node_modules\/@tensorflow\//, "(").replace(/\(\/.*?\/(lib|bench)\//, "($1/")}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
    return run.apply(this, a);
  };
  t.step();
  engine.runKernel = run;
  t.dispose();
  for (const [k, n] of [...counts].sort((p, q) => q[1] - p[1])) console.log(`${String(n).padStart(4)} ${k}`);
}

async function main(): Promise<void> {
  const which = process.argv.slice(2).filter((a) => a !== "tfjs");
  const all: Record<string, () => Promise<void>> = { dispatch, spiral, sst2, mnist, fit, callers };
  for (const name of which.length ? which : Object.keys(all)) await all[name]();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
