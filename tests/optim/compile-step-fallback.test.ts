// optim.compileStep when a step cannot be replayed as recorded: random numbers drawn inside it,
// a variable assigned data the step did not compute, a closure tensor replaced, a kernel
// re-registered; and the errors at its entry points. (Side effects it does replay:
// compile-step-effects.test.ts.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { nn, optim, ready, tf } from "dlcourse";
import { wasmMatMul } from "../../lib/engine";

/** A 4 -> 3 linear layer's variable and a batch, named by `tag`. */
function setup(tag: string) {
  const w = tf.tidy(() => tf.variable(tf.tensor2d([[0.1, -0.2, 0.3], [0.4, 0.5, -0.6], [-0.7, 0.8, 0.9], [1.0, -1.1, 0.2]]), true, `${tag}W`));
  const x = tf.tensor2d([[1, 2, 3, 4], [-1, 0.5, 2, 0], [0, 0, 1, -2]]);
  return { w, x, opt: new optim.SGD({ lr: 0.1 }) };
}

test("compileStep: random numbers drawn inside the step (a new upload each call) run eagerly and say why", async () => {
  await ready();
  const before = tf.memory().numTensors;
  const { w, x, opt } = setup("dropout");
  // Multiplicative noise from tf.randomUniform without a seed: an upload of new values at each call.
  const lossFn = (xb: tf.Tensor) => tf.sum(tf.matMul(tf.mul(xb, tf.randomUniform(xb.shape)), w)) as tf.Scalar;
  const step = optim.compileStep(lossFn, opt, { varList: [w] });
  for (let i = 0; i < 5; i++) step(x).loss.dispose();
  assert.equal(step.stats.replayed, 0);
  assert.equal(step.stats.eager, 3);
  assert.match(step.stats.reason!, /recordings differ: a tensor created inside the step \(shape \[3,4\]\) has new values at each call \(random numbers such as a dropout mask/);
  const strict = optim.compileStep(lossFn, opt, { varList: [w], fallback: "throw" });
  assert.throws(() => { for (let i = 0; i < 5; i++) strict(x).loss.dispose(); }, /optim\.compileStep: cannot replay the step: its recordings differ: a tensor created inside the step/);
  step.dispose();
  strict.dispose();
  tf.dispose([w, x]);
  opt.dispose();
  assert.equal(tf.memory().numTensors, before, "tensors leaked");
});

test("compileStep: a loss function that reads tensor values at every call (JS computing from them) runs eagerly", async () => {
  await ready();
  const { w, x, opt } = setup("reads");
  // The product computed in JS from w's values, as text.sparseMatMul does: a replay would freeze it.
  const jsProduct = (xb: tf.Tensor) => tf.tensor(Array.from(w.dataSync(), (v, i) => v * (i + 1)), w.shape).matMul(tf.ones([3, 1])).sum().mul(tf.sum(xb)) as tf.Scalar;
  const step = optim.compileStep((xb: tf.Tensor) => tf.add(jsProduct(xb), tf.sum(tf.matMul(xb, w))) as tf.Scalar, opt, { varList: [w] });
  for (let i = 0; i < 5; i++) step(x).loss.dispose();
  assert.equal(step.stats.replayed, 0);
  assert.match(step.stats.reason!, /^the loss function reads tensor values \(dataSync, data\) at every call/);
  step.dispose();
  tf.dispose([w, x]);
  opt.dispose();
});

test("compileStep: a loss function that assigns a variable data it did not compute runs eagerly", async () => {
  await ready();
  const { w, x, opt } = setup("assign");
  const running = tf.variable(tf.zeros([3]), false, "assignRunning");
  const fixed = tf.ones([3]);
  const step = optim.compileStep((xb: tf.Tensor) => {
    running.assign(fixed); // a replay could not tell where this data comes from
    return tf.sum(tf.matMul(xb, w)) as tf.Scalar;
  }, opt, { varList: [w] });
  for (let i = 0; i < 4; i++) step(x).loss.dispose();
  assert.deepEqual(step.stats, { recorded: 0, replayed: 0, eager: 4, reason: 'the step assigns the variable "assignRunning" a tensor it did not compute' });
  step.dispose();
  tf.dispose([w, x, running, fixed]);
  opt.dispose();
});

test("compileStep: a disposed closure tensor makes the step record again (it reads the new one)", async () => {
  await ready();
  const { w, x, opt } = setup("closure");
  let target = tf.ones([3, 3]);
  const lossOf = (p: tf.Tensor) => () => tf.sum(tf.square(tf.sub(tf.matMul(x, p), target))) as tf.Scalar;
  const step = optim.compileStep(lossOf(w), opt, { varList: [w] });
  for (let i = 0; i < 4; i++) step().loss.dispose();
  assert.equal(step.stats.replayed, 2);
  target.dispose();
  target = tf.zeros([3, 3]);
  const expected = tf.tidy(() => lossOf(w)());
  const { loss } = step();
  assert.equal(loss.dataSync()[0], expected.dataSync()[0]);
  assert.equal(step.stats.recorded, 3);
  step.dispose();
  tf.dispose([w, x, target, expected, loss]);
  opt.dispose();
});

test("compileStep: a batch read from the closure and replaced every step runs eagerly, saying to pass it as an argument", async () => {
  await ready();
  const { w, x, opt } = setup("closureBatches");
  let batch = tf.clone(x);
  const step = optim.compileStep(() => tf.sum(tf.matMul(batch, w)) as tf.Scalar, opt, { varList: [w] });
  for (let i = 0; i < 8; i++) {
    step().loss.dispose();
    batch.dispose();
    batch = tf.mul(x, i);
  }
  assert.match(step.stats.reason!, /^its recordings differ: a tensor the loss function reads from its closure changed between calls \(pass tensors that change between steps as arguments\)$/);
  assert.equal(step.stats.replayed, 0);
  step.dispose();
  tf.dispose([w, x, batch]);
  opt.dispose();
});

test("compileStep: a kernel re-registered after recording (an engine override) is recorded again", async () => {
  await ready({ backend: "wasm" });
  const { w, x, opt } = setup("override");
  const step = optim.compileStep(() => tf.sum(tf.matMul(w, x, true, true)) as tf.Scalar, opt, { varList: [w] });
  for (let i = 0; i < 3; i++) step().loss.dispose();
  assert.equal(step.stats.replayed, 1);
  wasmMatMul.uninstall();
  try {
    step().loss.dispose();
    assert.equal(step.stats.recorded, 3, "recorded again with tfjs's own BatchMatMul");
  } finally {
    wasmMatMul.install();
  }
  step.dispose();
  tf.dispose([w, x]);
  opt.dispose();
});

test("compileStep: a kernel written with tfjs ops (wasm's conv filter gradient) makes the step run eagerly, nothing leaks", async () => {
  await ready({ backend: "wasm" });
  const filter = tf.variable(tf.tensor4d(Array.from({ length: 18 }, (_, i) => (i % 5) / 10 - 0.2), [3, 3, 1, 2]), true, "convF");
  const x = tf.tensor4d(Array.from({ length: 16 }, (_, i) => Math.sin(i)), [1, 4, 4, 1]);
  const opt = new optim.SGD({ lr: 0.01 });
  const buffers = () => (tf.backend() as unknown as { numDataIds(): number }).numDataIds();
  const lossFn = (xb: tf.Tensor) => tf.sum(tf.square(tf.conv2d(xb as tf.Tensor4D, filter as tf.Tensor4D, 1, "same"))) as tf.Scalar;
  opt.minimize(() => lossFn(x), false, [filter]); // the first conv gradient allocates a buffer it keeps
  const before = [tf.memory().numTensors, buffers()];
  const step = optim.compileStep(lossFn, opt, { varList: [filter] });
  for (let i = 0; i < 4; i++) step(x).loss.dispose();
  assert.equal(step.stats.replayed, 0);
  assert.match(step.stats.reason!, /Conv2DBackpropFilter failed outside the engine \(a kernel written with tfjs ops\)/);
  step.dispose();
  opt.dispose();
  assert.deepEqual([tf.memory().numTensors, buffers()], before, "tensors or backend buffers leaked");
  tf.dispose([filter, x]);
});

test("compileStep rejects bad arguments with the function's name", async () => {
  await ready();
  const { w, x, opt } = setup("errors");
  const loss = () => tf.sum(w) as tf.Scalar;
  assert.throws(() => optim.compileStep(42 as never, opt), /optim\.compileStep: expected lossFn to be a function, got 42/);
  assert.throws(() => optim.compileStep(loss, {} as never), /optim\.compileStep: expected optimizer to be a tf\.Optimizer \(optim\.SGD, optim\.Adam, \.\.\.\), got \[object Object\]/);
  assert.throws(() => optim.compileStep(loss, opt, { keepGrad: true } as never), /optim\.compileStep: unknown option "keepGrad" \(known: varList, keepGrads, fallback\)/);
  assert.throws(() => optim.compileStep(loss, opt, { fallback: "retry" as never }), /optim\.compileStep: expected fallback "eager" or "throw", got "retry"/);
  const step = optim.compileStep((xb: tf.Tensor) => tf.matMul(xb, w) as unknown as tf.Scalar, opt);
  assert.throws(() => step([1, 2] as never), /optim\.compileStep: expected the step's arguments to be tensors, got \[1, 2\] as argument 0/);
  assert.throws(() => step(x), /optim\.compileStep: expected lossFn to return a scalar tensor, got a tensor of shape \[3,3\]/);
  step.dispose();
  assert.throws(() => step(x), /optim\.compileStep: the step was disposed/);
  tf.dispose([w, x]);
  opt.dispose();
});
