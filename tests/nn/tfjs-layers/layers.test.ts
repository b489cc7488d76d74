import { test } from "node:test";
import assert from "node:assert/strict";
import { nn, ready, tf } from "dlcourse";
import { assertClose, fixture, noLeaks } from "../../helpers/tensors";

const ref = fixture("nn", "nn.json").batchNorm;
test.before(() => ready());

test("BatchNorm layer: training steps update running stats like PyTorch, predict uses them", () => {
  const layer = new nn.BatchNorm({ inputShape: [4] });
  const model = tf.sequential({ layers: [layer] });
  layer.setWeights([tf.tensor(ref.gamma), tf.tensor(ref.beta), tf.zeros([4]), tf.ones([4])]);
  for (const s of ref.train) {
    const y = tf.tidy(() => layer.apply(tf.tensor(s.x), { training: true }) as tf.Tensor);
    assertClose(y, s.y, "train y", { rtol: 1e-4, atol: 1e-5 });
    y.dispose();
  }
  const w = layer.getWeights();
  assertClose(w[2], ref.train[2].runningMean, "running mean", { rtol: 1e-5, atol: 1e-5 });
  assertClose(w[3], ref.train[2].runningVar, "running var", { rtol: 1e-5, atol: 1e-5 });
  const e = tf.tensor(ref.eval.x);
  const pred = model.predict(e) as tf.Tensor;
  assertClose(pred, ref.eval.y, "predict = eval mode", { rtol: 1e-4, atol: 1e-5 });
  tf.dispose([e, pred]);
  model.dispose();
});

test("BatchNorm layer normalizes images per channel (last axis) and leaks nothing", async () => {
  const layer = new nn.BatchNorm();
  const x = tf.randomNormal([2, 3, 3, 4], 1, 2, "float32", 5);
  (layer.apply(x, { training: false }) as tf.Tensor).dispose(); // builds the weights
  await noLeaks(() => tf.tidy(() => {
    const y = layer.apply(x, { training: true }) as tf.Tensor;
    const state = nn.createBatchNormState(4);
    const ref = nn.batchNormForward(tf.reshape(x, [18, 4]), tf.ones([4]), tf.zeros([4]), state, { training: true });
    assertClose(tf.reshape(y, [18, 4]), Array.from(ref.y.dataSync()), "y", { rtol: 1e-5, atol: 1e-5 });
    assertClose(layer.getWeights()[3], Array.from(state.runningVar.dataSync()), "running var", { rtol: 1e-5, atol: 1e-6 });
    tf.dispose([state.runningMean, state.runningVar]);
  }));
  x.dispose();
});

test("BatchNorm and Dropout train inside model.fit and are inactive in predict", async () => {
  const x = tf.randomNormal([64, 3], 5, 2, "float32", 1);
  const y = tf.tidy(() => tf.sum(x, 1, true));
  const bn = new nn.BatchNorm();
  const model = tf.sequential({ layers: [
    tf.layers.dense({ units: 16, inputShape: [3], activation: "relu" }), bn, new nn.Dropout({ p: 0.2, seed: 3 }), tf.layers.dense({ units: 1 }),
  ] });
  model.compile({ optimizer: tf.train.adam(0.01), loss: "meanSquaredError" });
  const h = await model.fit(x, y, { epochs: 30, batchSize: 16, verbose: 0 });
  const losses = h.history.loss as number[];
  assert.ok(losses[losses.length - 1] < 0.5 * losses[0], `loss ${losses[0]} -> ${losses[losses.length - 1]}`);
  const [, , mean, variance] = bn.getWeights();
  assert.ok(mean.dataSync().some((v) => Math.abs(v) > 0.01), "running mean moved during fit");
  const p1 = model.predict(x) as tf.Tensor;
  const p2 = model.predict(x) as tf.Tensor;
  assert.deepEqual(p1.dataSync(), p2.dataSync(), "predict is deterministic: no dropout, running stats");
  assert.ok(variance.dataSync().every((v) => v > 0));
  tf.dispose([x, y, p1, p2]);
  model.dispose();
});

test("Dropout layer: inverted scaling in training, identity otherwise", () => {
  const d = new nn.Dropout({ p: 0.25, seed: 1 });
  const x = tf.ones([4000]);
  const t = d.apply(x, { training: true }) as tf.Tensor;
  const v = Array.from(t.dataSync());
  assert.ok(v.every((a) => a === 0 || Math.abs(a - 4 / 3) < 1e-6));
  assert.ok(Math.abs(v.filter((a) => a === 0).length / 4000 - 0.25) < 0.03);
  const t2 = d.apply(x, { training: true }) as tf.Tensor;
  assert.notDeepEqual(t.dataSync(), t2.dataSync(), "a new mask each call");
  const e = d.apply(x) as tf.Tensor;
  assert.ok(e.dataSync().every((a) => a === 1));
  tf.dispose([x, t, t2, e]);
  assert.throws(() => new nn.Dropout({ p: 1 }), /nn\.Dropout: expected p \(drop probability\) in \[0, 1\), got 1/);
  assert.throws(() => new nn.BatchNorm({ momentum: 1.5 }), /nn\.BatchNorm: expected momentum in \[0, 1\], got 1\.5/);
});

test("BatchNorm layer's own gradient equals autodiff through tf.moments + tf.batchNorm ([N, D] and [N, H, W, C])", async () => {
  for (const shape of [[6, 4], [2, 3, 3, 4]]) {
    const layer = new nn.BatchNorm();
    const x = tf.tidy(() => tf.variable(tf.randomNormal(shape, 1, 2, "float32", 7)));
    const w = tf.randomNormal(shape, 0, 1, "float32", 8); // a non-uniform upstream gradient
    (layer.apply(x, { training: false }) as tf.Tensor).dispose(); // builds the weights
    layer.setWeights([tf.tensor1d([1.5, 0.5, -1, 2]), tf.tensor1d([0.1, -0.2, 0.3, 0]), tf.zeros([4]), tf.ones([4])]);
    const [gamma, beta] = layer.trainableWeights.map((v) => v.read() as tf.Variable);
    const axes = shape.slice(0, -1).map((_, i) => i);
    const vars = [x, gamma, beta];
    const reference = tf.variableGrads(() => {
      const { mean, variance } = tf.moments(x, axes);
      return tf.sum(tf.mul(tf.batchNorm(x, mean, variance, beta, gamma, 1e-5), w)) as tf.Scalar;
    }, vars);
    await noLeaks(() => tf.tidy(() => {
      const own = tf.variableGrads(() => tf.sum(tf.mul(layer.apply(x, { training: true }) as tf.Tensor, w)) as tf.Scalar, vars);
      assertClose(own.value, [reference.value.dataSync()[0]], `loss ${shape}`, { rtol: 1e-5, atol: 1e-5 });
      for (const v of vars) assertClose(own.grads[v.name], Array.from(reference.grads[v.name].dataSync()), `d${v.name} ${shape}`, { rtol: 1e-4, atol: 1e-5 });
    }));
    tf.dispose([x, w, reference.value, ...Object.values(reference.grads)]);
    layer.dispose();
  }
});
