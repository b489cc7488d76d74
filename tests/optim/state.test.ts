// Which state tensors SGD and RMSprop keep per parameter, against torch.optim's `optimizer.state`
// (tests/fixtures/optim/state.py): no momentum buffer unless momentum is used, none allocated.
import { test } from "node:test";
import assert from "node:assert/strict";
import { optim, ready, tf } from "dlcourse";
import { assertClose, loadFixture, TORCH_STEPS, make, type OptimizerName } from "./helpers";

interface StateCase {
  optimizer: OptimizerName;
  options: Record<string, unknown>;
  steps: number;
  momentumAfter?: [number, number];
  w: number[][];
  b: number[];
  state: Record<string, number[] | number[][] | null>[];
}
const F = loadFixture<{ w0: number[][]; b0: number[]; c: number[][]; cases: StateCase[] }>("state.json");
const snake = (s: string) => s.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`);

/** f = sum(c * w^2) + sum(sin(b) * w[0]) + sum(b^2) / 2, as in state.py. */
function setup() {
  const w = tf.tidy(() => tf.variable(tf.tensor2d(F.w0)));
  const b = tf.tidy(() => tf.variable(tf.tensor1d(F.b0)));
  const c = tf.tensor2d(F.c);
  const f = () => tf.tidy(() => {
    const first = tf.squeeze(tf.slice(w, [0, 0], [1, 3]));
    return tf.addN([tf.sum(tf.mul(c, tf.square(w))), tf.sum(tf.mul(tf.sin(b), first)), tf.div(tf.sum(tf.square(b)), 2)]) as tf.Scalar;
  });
  return { w, b, f, dispose: () => tf.dispose([w, b, c]) };
}

function train(opt: optim.TorchOptimizer<optim.BaseOptions>, s: ReturnType<typeof setup>, from: number, to: number, c?: StateCase): void {
  for (let i = from; i < to; i++) {
    if (c?.momentumAfter && i === c.momentumAfter[0]) opt.momentum = c.momentumAfter[1];
    opt.minimize(s.f, false, [s.w, s.b]);
  }
}

/** Tensor slots per parameter (in variable order), as torch's snake_case key -> values. */
async function slotsOf(opt: optim.TorchOptimizer<optim.BaseOptions>, names: string[]) {
  const weights = await opt.getWeights();
  const out = names.map(() => ({}) as Record<string, number[]>);
  for (const { name, tensor } of weights.slice(1)) {
    const cut = name.lastIndexOf("/");
    const key = name.slice(cut + 1);
    if (key.startsWith("#")) tensor.dispose();
    else out[names.indexOf(name.slice(0, cut))][snake(key)] = Array.from(tensor.dataSync());
  }
  weights[0].tensor.dispose(); // iterations
  return out;
}

for (const c of F.cases) {
  const what = `${c.optimizer} ${JSON.stringify(c.options)}${c.momentumAfter ? `, momentum ${c.momentumAfter[1]} from step ${c.momentumAfter[0] + 1}` : ""}`;
  test(`${what} keeps the state tensors torch.optim keeps, with its values`, async () => {
    await ready();
    const before = tf.memory().numTensors;
    const s = setup();
    const opt = make(c.optimizer, c.options);
    const held = tf.memory().numTensors;
    train(opt, s, 0, c.steps, c);
    assertClose(Array.from(s.w.dataSync()), c.w.flat(), "w", TORCH_STEPS);
    assertClose(Array.from(s.b.dataSync()), c.b, "b", TORCH_STEPS);
    const slots = await slotsOf(opt, [s.w.name, s.b.name]);
    c.state.forEach((torchState, i) => {
      const tensors = Object.keys(torchState).filter((k) => torchState[k] != null).sort();
      assert.deepEqual(Object.keys(slots[i]).sort(), tensors, `param ${i} state tensors`);
      for (const k of tensors) assertClose(slots[i][k], (torchState[k] as number[]).flat(), `param ${i} ${k}`, TORCH_STEPS);
    });
    // Nothing allocated beyond those slots: no buffer that momentum 0 would never read.
    const count = c.state.reduce((n, st) => n + Object.values(st).filter((v) => v != null).length, 0);
    assert.equal(tf.memory().numTensors - held, count, "tensors held by the optimizer");
    opt.dispose();
    s.dispose();
    assert.equal(tf.memory().numTensors, before, "tensors leaked");
  });
}

for (const [name, options] of [["SGD", { lr: 0.1 }], ["RMSprop", { lr: 0.01 }], ["SGD", { lr: 0.1, momentum: 0.9 }]] as const) {
  test(`${name} ${JSON.stringify(options)}: state saved by getWeights and loaded by setWeights resumes identically`, async () => {
    await ready();
    const [a, b] = [setup(), setup()];
    const [optA, optB] = [make(name, options), make(name, options)];
    train(optA, a, 0, 2);
    train(optB, b, 0, 2);
    const fresh = make(name, options);
    await fresh.setWeights(await optB.getWeights());
    optB.dispose();
    // turning momentum on after the reload must work too (the buffer is created then)
    for (const opt of [optA, fresh]) opt.momentum = 0.5;
    train(optA, a, 2, 4);
    train(fresh, b, 2, 4);
    assertClose(Array.from(b.w.dataSync()), Array.from(a.w.dataSync()), "w", { rtol: 0, atol: 1e-7 });
    assertClose(Array.from(b.b.dataSync()), Array.from(a.b.dataSync()), "b", { rtol: 0, atol: 1e-7 });
    [optA, fresh].forEach((o) => o.dispose());
    [a, b].forEach((x) => x.dispose());
  });
}
