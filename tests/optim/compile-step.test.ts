// optim.compileStep: the replayed step gives bit-identical numbers to the eager step (same
// kernels, same order), matches torch.optim on the reference MLP, leaks nothing, records again
// when it must and runs eagerly (or throws) when a step cannot be replayed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { data, losses, optim, ready, tf, type BackendName } from "dlcourse";
import { assertClose, loadFixture, TORCH_STEPS, type MlpFixture } from "./helpers";

/** The lecture's spiral net 2-50-50-3 as variables, from a fixed seed. */
function spiralVars(tag: string): tf.Variable[] {
  const rng = data.seededRng(1);
  const u = (shape: number[], fanIn: number) => tf.tensor(Array.from({ length: shape.reduce((a, b) => a * b) }, () => (2 * rng() - 1) / Math.sqrt(fanIn)), shape);
  return tf.tidy(() => [[2, 50], [50, 50], [50, 3]].flatMap(([i, o], k) => [tf.variable(u([i, o], i), true, `${tag}W${k}`), tf.variable(u([o], i), true, `${tag}b${k}`)]));
}

/** The lecture loop's loss: cross-entropy on class indices + 0.01 * sum of the weights' norms. */
function spiralLoss(vars: tf.Variable[]) {
  return (x: tf.Tensor, y: tf.Tensor): tf.Scalar => {
    let h = x;
    for (let k = 0; k < 3; k++) {
      h = tf.add(tf.matMul(h as tf.Tensor2D, vars[2 * k] as tf.Tensor2D), vars[2 * k + 1]);
      if (k < 2) h = tf.relu(h);
    }
    const reg = tf.mul(tf.addN([0, 2, 4].map((k) => tf.norm(vars[k]))), 0.01);
    return tf.add(losses.crossEntropy(y, h), reg) as tf.Scalar;
  };
}

const values = (vars: tf.Variable[]) => vars.flatMap((v) => Array.from(v.dataSync()));

for (const backend of ["wasm", "cpu"] as BackendName[]) {
  test(`compileStep on ${backend}: 60 spiral steps bit-identical to the eager step (SGD with momentum; replayed on wasm, eager on cpu)`, async () => {
    await ready({ backend });
    const before = tf.memory().numTensors;
    const { x, y } = data.spiral({ seed: 0 });
    const [X, Y] = [tf.tensor2d(x), tf.tensor1d(y, "int32")];
    const [eagerVars, compiledVars] = [spiralVars(`${backend}Eager`), spiralVars(`${backend}Compiled`)];
    const [eagerOpt, compiledOpt] = [new optim.SGD({ lr: 0.1, momentum: 0.9 }), new optim.SGD({ lr: 0.1, momentum: 0.9 })];
    const step = optim.compileStep(spiralLoss(compiledVars), compiledOpt, { varList: compiledVars });
    const eagerLoss = spiralLoss(eagerVars);
    for (let i = 0; i < 60; i++) {
      const a = eagerOpt.minimize(() => eagerLoss(X, Y), true, eagerVars)!;
      const b = step(X, Y).loss;
      assert.equal(b.dataSync()[0], a.dataSync()[0], `loss at step ${i}`);
      tf.dispose([a, b]);
    }
    assert.deepEqual(values(compiledVars), values(eagerVars), "weights after 60 steps");
    const stats = backend === "wasm" ? { recorded: 2, replayed: 58, eager: 0, reason: null }
      : { recorded: 0, replayed: 0, eager: 60, reason: "kernels are replayed on the wasm backend only (the cpu backend's kernels may return engine-tracked tensors)" };
    assert.deepEqual(step.stats, stats);
    step.dispose();
    tf.dispose([X, Y, ...eagerVars, ...compiledVars]);
    eagerOpt.dispose();
    compiledOpt.dispose();
    assert.equal(tf.memory().numTensors, before, "tensors leaked");
  });
}

for (const name of ["SGD", "Adam"] as const) {
  test(`compileStep with optim.${name} trains the reference MLP like torch.optim (3 of 5 steps replayed)`, async () => {
    await ready();
    const f = loadFixture<MlpFixture>("mlp.json");
    const run = f.runs[name];
    const params = Object.fromEntries(Object.entries(f.init).map(([k, v]) => [k, tf.tidy(() => tf.variable(tf.tensor(v), true, `mlp${name}_${k}`))]));
    const [x, y] = [tf.tensor2d(f.x), tf.tidy(() => tf.oneHot(tf.tensor1d(f.labels, "int32"), f.classes))];
    const opt = new optim[name](run.options as never);
    const step = optim.compileStep((xb: tf.Tensor, yb: tf.Tensor) => {
      const logits = tf.add(tf.matMul(tf.tanh(tf.add(tf.matMul(xb, params.w1), params.b1)), params.w2), params.b2);
      return tf.neg(tf.mean(tf.sum(tf.mul(yb, tf.logSoftmax(logits)), 1))) as tf.Scalar;
    }, opt, { varList: Object.values(params) });
    const got: number[] = [];
    for (let i = 0; i < f.steps; i++) {
      const { loss } = step(x, y);
      got.push(loss.dataSync()[0]);
      loss.dispose();
    }
    assert.equal(step.stats.replayed, f.steps - 2);
    assertClose(got, run.losses, "losses", TORCH_STEPS);
    for (const [k, v] of Object.entries(run.final)) assertClose(Array.from(params[k].dataSync()), (v as number[]).flat(), k, TORCH_STEPS);
    step.dispose();
    tf.dispose([x, y, ...Object.values(params)]);
    opt.dispose();
  });
}

test("compileStep: new batches as arguments are replayed; another batch shape is recorded anew", async () => {
  await ready();
  const w = tf.variable(tf.tensor2d([[0.5], [-0.25]]), true, "batchesW");
  const v = tf.variable(tf.tensor2d([[0.5], [-0.25]]), true, "batchesV");
  const lossOf = (p: tf.Variable) => (xb: tf.Tensor, yb: tf.Tensor) => tf.mean(tf.square(tf.sub(tf.matMul(xb, p), yb))) as tf.Scalar;
  const [optA, optB] = [new optim.SGD({ lr: 0.05 }), new optim.SGD({ lr: 0.05 })];
  const step = optim.compileStep(lossOf(w), optA, { varList: [w], keepGrads: true });
  const rng = data.seededRng(3);
  for (const n of [8, 8, 8, 8, 5, 5, 5, 8]) {
    const xb = tf.tensor2d(Array.from({ length: 2 * n }, rng), [n, 2]);
    const yb = tf.tensor2d(Array.from({ length: n }, rng), [n, 1]);
    const eager = optB.minimize(() => lossOf(v)(xb, yb), true, [v])!;
    const { loss, grads } = step(xb, yb);
    assert.equal(loss.dataSync()[0], eager.dataSync()[0], `batch of ${n}`);
    assert.deepEqual(Object.keys(grads!), ["batchesW"]);
    tf.dispose([xb, yb, eager, loss, ...Object.values(grads!)]);
  }
  assert.deepEqual(step.stats, { recorded: 4, replayed: 4, eager: 0, reason: null });
  assert.deepEqual(Array.from(w.dataSync()), Array.from(v.dataSync()));
  step.dispose();
  tf.dispose([w, v]);
  optA.dispose();
  optB.dispose();
});

test("compileStep: the same tensor passed twice is its own signature (a recording binds arguments by their data)", async () => {
  await ready();
  const w = tf.variable(tf.tensor1d([0.5, -1]), true, "twiceW");
  const opt = new optim.SGD({ lr: 0.1 });
  const step = optim.compileStep((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(tf.mul(a, w), b)) as tf.Scalar, opt, { varList: [w] });
  const [a, b] = [tf.tensor1d([1, 2]), tf.tensor1d([3, 4])];
  for (let i = 0; i < 3; i++) step(a, a).loss.dispose();
  const expected = tf.tidy(() => tf.sum(tf.mul(tf.mul(a, w), b)));
  const { loss } = step(a, b);
  assert.equal(loss.dataSync()[0], expected.dataSync()[0]);
  assert.deepEqual(step.stats, { recorded: 3, replayed: 1, eager: 0, reason: null });
  step.dispose();
  tf.dispose([w, a, b, expected, loss]);
  opt.dispose();
});
