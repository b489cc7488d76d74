// optim.compileStep replays a step's side effects as the eager step has them: variables it assigns
// from data it computed (nn.BatchNorm's running statistics) are assigned again after each replay,
// and nn.Dropout's masks are drawn anew, the layer's seed advancing per call. Compared bit for bit
// with the same step run eagerly on a twin of the network.
import { test } from "node:test";
import assert from "node:assert/strict";
import { nn, optim, ready, tf } from "dlcourse";

/** A 4 -> 6 dense layer, nn.BatchNorm, ReLU, nn.Dropout(p = 0.3, seed 5), 6 -> 1: the same start every call. */
function twin() {
  const dense = tf.layers.dense({ units: 6, inputShape: [4], kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) });
  const bn = new nn.BatchNorm();
  const drop = new nn.Dropout({ p: 0.3, seed: 5 });
  const out = tf.layers.dense({ units: 1, kernelInitializer: tf.initializers.glorotUniform({ seed: 4 }) });
  const model = tf.sequential({ layers: [dense, bn, tf.layers.reLU(), drop, out] });
  const lossFn = (x: tf.Tensor, y: tf.Tensor) => tf.losses.meanSquaredError(y, model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar;
  return { model, lossFn, opt: new optim.Adam({ lr: 0.01 }) };
}

const weights = (m: tf.LayersModel) => m.getWeights().map((w) => Array.from(w.dataSync()));

test("compileStep replays nn.BatchNorm's running statistics and nn.Dropout's fresh masks bit for bit", async () => {
  await ready({ backend: "wasm" });
  const before = tf.memory().numTensors;
  const x = tf.tensor2d(Array.from({ length: 32 }, (_, i) => Math.sin(i * 1.7)), [8, 4]);
  const y = tf.tensor2d(Array.from({ length: 8 }, (_, i) => Math.cos(i)), [8, 1]);
  const eager = twin();
  const compiled = twin();
  const step = optim.compileStep(compiled.lossFn, compiled.opt, { varList: compiled.model.trainableWeights.map((w) => w.read() as tf.Variable) });
  for (let i = 0; i < 12; i++) {
    const a = eager.opt.minimize(() => eager.lossFn(x, y), true)!;
    const b = step(x, y).loss;
    assert.equal(b.dataSync()[0], a.dataSync()[0], `loss at step ${i}`);
    tf.dispose([a, b]);
  }
  assert.deepEqual(step.stats, { recorded: 2, replayed: 10, eager: 0, reason: null });
  // getWeights includes the running mean and variance: assigned after every replay as eagerly.
  assert.deepEqual(weights(compiled.model), weights(eager.model));
  // Each replay drew a new mask with the next seed: the next eager call matches the eager twin's.
  const [p, q] = tf.tidy(() => [eager.model.layers[3], compiled.model.layers[3]].map((d) => d.apply(tf.ones([2, 6]), { training: true }) as tf.Tensor));
  assert.deepEqual(Array.from(q.dataSync()), Array.from(p.dataSync()));
  step.dispose();
  tf.dispose([x, y, p, q]);
  for (const t of [eager, compiled]) {
    t.model.dispose();
    t.opt.dispose();
  }
  assert.equal(tf.memory().numTensors, before, "tensors leaked");
});

test("compileStep: a variable assigned from what the step computed is assigned again after each replay", async () => {
  await ready({ backend: "wasm" });
  const w = tf.variable(tf.tensor2d([[0.5, -1], [2, 0.25]]), true, "effectsW");
  const running = tf.variable(tf.zeros([2]), false, "effectsRunning");
  const x = tf.tensor2d([[1, 2], [3, -1], [0.5, 0.5]]);
  const seen: number[][] = [];
  const step = optim.compileStep((xb: tf.Tensor) => {
    const h = tf.matMul(xb, w);
    running.assign(tf.add(tf.mul(running, 0.9), tf.mul(tf.mean(h, 0), 0.1)));
    return tf.sum(tf.square(h)) as tf.Scalar;
  }, new optim.SGD({ lr: 0.01 }), { varList: [w] });
  for (let i = 0; i < 5; i++) {
    step(x).loss.dispose();
    seen.push(Array.from(running.dataSync()));
  }
  assert.equal(step.stats.replayed, 3);
  // The same recurrence eagerly, from the same weights at each step.
  const w2 = tf.variable(tf.tensor2d([[0.5, -1], [2, 0.25]]), true, "effectsW2");
  const r2 = tf.variable(tf.zeros([2]), false, "effectsRunning2");
  const opt2 = new optim.SGD({ lr: 0.01 });
  for (let i = 0; i < 5; i++) {
    opt2.minimize(() => {
      const h = tf.matMul(x, w2);
      r2.assign(tf.add(tf.mul(r2, 0.9), tf.mul(tf.mean(h, 0), 0.1)));
      return tf.sum(tf.square(h)) as tf.Scalar;
    }, false, [w2]);
    assert.deepEqual(seen[i], Array.from(r2.dataSync()), `running value after step ${i}`);
  }
  step.dispose();
  opt2.dispose();
  tf.dispose([w, running, x, w2, r2]);
});
