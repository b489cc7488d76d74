// model.fit's and fitDataset's replayed steps (lib/engine/replay/fit.ts): the same history, weights and running
// statistics as tfjs's own fit, bit for bit, with metrics, a regularizer, validation data,
// nn.BatchNorm and nn.Dropout or tf.layers.dropout; other random draws (Gaussian noise) run
// eagerly and say why; nothing leaks; trainOnBatch is untouched.
import { test } from "node:test";
import assert from "node:assert/strict";
import { losses, nn, optim, ready, tf } from "dlcourse";
import { fitReplay } from "../../lib/engine";

const fitReplayStats = () => optim.fitReplayStats();

/** 20 -> 16 (L2) -> BatchNorm -> ReLU -> Dropout (or Gaussian noise) -> 3, seeded: the same model at every call. */
type Noise = "nn" | "tfjs" | "gaussian";

function model(dropout: Noise): tf.Sequential {
  const init = (seed: number) => tf.initializers.glorotUniform({ seed });
  const drop = dropout === "nn" ? new nn.Dropout({ p: 0.25, seed: 7 })
    : dropout === "tfjs" ? tf.layers.dropout({ rate: 0.25, seed: 7 }) : tf.layers.gaussianNoise({ stddev: 0.1 });
  const m = tf.sequential({ layers: [
    tf.layers.dense({ units: 16, inputShape: [20], kernelInitializer: init(1), kernelRegularizer: tf.regularizers.l2({ l2: 1e-3 }) }),
    new nn.BatchNorm(), tf.layers.reLU(), drop,
    tf.layers.dense({ units: 3, kernelInitializer: init(2) }),
  ] });
  m.compile({ optimizer: new optim.Adam({ lr: 0.01 }), loss: (t: tf.Tensor, p: tf.Tensor) => losses.crossEntropy(t, p), metrics: ["accuracy"] });
  return m;
}

/** 100 rows (the last batch of 32 is short), one-hot labels, and 20 validation rows. */
function dataset() {
  const n = 100;
  const x = tf.tensor2d(Array.from({ length: n * 20 }, (_, i) => Math.sin(i * 0.37) + Math.cos(i * 0.11)), [n, 20]);
  const y = tf.oneHot(tf.tensor1d(Array.from({ length: n }, (_, i) => i % 3), "int32"), 3).toFloat();
  return { x, y, xv: x.slice([0, 0], [20, 20]), yv: y.slice([0, 0], [20, 3]) };
}

async function fitOnce(replay: boolean, dropout: Noise = "nn") {
  if (replay) fitReplay.install();
  else fitReplay.uninstall();
  try {
    const m = model(dropout);
    const d = dataset();
    const before = tf.memory().numTensors;
    const h = await m.fit(d.x, d.y, { epochs: 3, batchSize: 32, shuffle: false, validationData: [d.xv, d.yv], verbose: 0 });
    const leaked = tf.memory().numTensors - before;
    const weights = m.getWeights().map((w) => Array.from(w.dataSync()));
    m.dispose();
    tf.dispose(Object.values(d));
    return { history: h.history, weights, leaked, stats: fitReplayStats() };
  } finally {
    fitReplay.install();
  }
}

for (const dropout of ["nn", "tfjs"] as const) {
  test(`model.fit replayed (${dropout === "nn" ? "nn.Dropout" : "tf.layers.dropout"}): the same history, weights and running statistics as tfjs's fit, bit for bit`, async () => {
    await ready({ backend: "wasm" });
    const eager = await fitOnce(false, dropout);
    const replayed = await fitOnce(true, dropout);
    // 3 full batches and a short one per epoch: per signature one step eagerly, two recorded, then replayed.
    assert.deepEqual(replayed.stats, { recorded: 4, replayed: 6, eager: 2, reason: null });
    assert.deepEqual(replayed.history, eager.history);
    assert.deepEqual(replayed.weights, eager.weights);
    assert.equal(replayed.leaked, eager.leaked, "fit leaves the same tensors as tfjs's (none of its recordings)");
  });
}

test("model.fitDataset replayed: the same history and weights as tfjs's, bit for bit", async () => {
  await ready({ backend: "wasm" });
  const once = async (replay: boolean) => {
    if (!replay) fitReplay.uninstall();
    try {
      const m = model("nn");
      const d = dataset();
      const ds = tf.data.zip({ xs: tf.data.array(tf.unstack(d.x)), ys: tf.data.array(tf.unstack(d.y)) }).batch(32);
      const h = await m.fitDataset(ds as unknown as tf.data.Dataset<tf.TensorContainer>, { epochs: 3, verbose: 0 });
      const weights = m.getWeights().map((w) => Array.from(w.dataSync()));
      m.dispose();
      tf.dispose(Object.values(d));
      return { history: h.history, weights, stats: fitReplayStats() };
    } finally {
      fitReplay.install();
    }
  };
  const eager = await once(false);
  const replayed = await once(true);
  assert.deepEqual(replayed.stats, { recorded: 4, replayed: 6, eager: 2, reason: null });
  assert.deepEqual(replayed.history, eager.history);
  assert.deepEqual(replayed.weights, eager.weights);
});

test("model.fit with tf.layers.gaussianNoise (new random numbers uploaded each step) runs eagerly and says why, leaking nothing", async () => {
  await ready({ backend: "wasm" });
  const eager = await fitOnce(false, "gaussian");
  const run = await fitOnce(true, "gaussian");
  assert.equal(run.stats.replayed, 0);
  assert.match(run.stats.reason!, /recordings differ: a tensor created inside the step .* has new values at each call/);
  assert.equal(run.leaked, eager.leaked);
  assert.ok(Number.isFinite((run.history.loss as number[])[2]));
});

test("a fit of one batch runs it eagerly without recording (a widget retraining pays nothing)", async () => {
  await ready({ backend: "wasm" });
  const m = model("nn");
  const d = dataset();
  await m.fit(d.x, d.y, { epochs: 1, batchSize: 100, verbose: 0 });
  assert.deepEqual(fitReplayStats(), { recorded: 0, replayed: 0, eager: 1, reason: null });
  m.dispose();
  tf.dispose(Object.values(d));
});

test("trainOnBatch and optimizer.minimize outside fit run as tfjs runs them", async () => {
  await ready({ backend: "wasm" });
  const [a, b] = [model("nn"), model("nn")];
  const d = dataset();
  fitReplay.uninstall();
  const la = [await a.trainOnBatch(d.x, d.y), await a.trainOnBatch(d.x, d.y)];
  fitReplay.install();
  const lb = [await b.trainOnBatch(d.x, d.y), await b.trainOnBatch(d.x, d.y)];
  assert.deepEqual(lb, la);
  assert.deepEqual(b.getWeights().map((w) => Array.from(w.dataSync())), a.getWeights().map((w) => Array.from(w.dataSync())));
  tf.dispose(Object.values(d));
  a.dispose();
  b.dispose();
});

test("optim.useReplayedFit(false) runs tfjs's own fit and says so; bad values are refused", async () => {
  await ready({ backend: "wasm" });
  const replayed = await fitOnce(true);
  assert.equal(optim.useReplayedFit(false), true);
  try {
    const off = await fitOnce(true);
    assert.deepEqual(off.stats, { recorded: 0, replayed: 0, eager: 0, reason: "off: optim.useReplayedFit(false)" });
    assert.deepEqual(off.weights, replayed.weights);
  } finally {
    assert.equal(optim.useReplayedFit(true), false);
  }
  assert.throws(() => optim.useReplayedFit("no" as unknown as boolean), /^Error: optim\.useReplayedFit: expected true or false, got "no"$/);
});

test("ready() on wasm installs the fit replay; other backends do not get it", async () => {
  await ready({ backend: "cpu" });
  assert.equal(fitReplay.installed(), false);
  await ready({ backend: "wasm" });
  assert.equal(fitReplay.installed(), true);
});
