// The fused wasm updates (lib/engine/fused): the same numbers as the composite tfjs ops (which the
// torch fixtures pin down in the other tests of this folder, on every backend), one kernel per
// parameter, inputs never written in place, no leaked tensors. On backends other than wasm the
// optimizers must fall back to the composite ops.
import { test } from "node:test";
import assert from "node:assert/strict";
import { optim, ready, tf } from "dlcourse";
import { assertClose, TORCH_STEPS, make, type OptimizerName } from "../optim/helpers";

const CASES: [OptimizerName, Record<string, unknown>][] = [
  ["SGD", { lr: 0.1 }],
  ["SGD", { lr: 0.1, momentum: 0.9, weightDecay: 0.01 }],
  ["SGD", { lr: 0.05, momentum: 0.8, dampening: 0.3, maximize: true }],
  ["SGD", { lr: 0.05, momentum: 0.9, nesterov: true, weightDecay: 0.1 }],
  ["RMSprop", { lr: 0.01 }],
  ["RMSprop", { lr: 0.01, alpha: 0.9, centered: true, momentum: 0.5, weightDecay: 0.1 }],
  ["RMSprop", { lr: 0.02, momentum: 0.9, epsInsideSqrt: true, eps: 1e-3, maximize: true }],
  ["Adam", { lr: 0.01 }],
  ["Adam", { lr: 0.01, amsgrad: true, weightDecay: 0.1, maximize: true }],
  ["Adam", { lr: 0.01, epsInsideSqrt: true, eps: 1e-4, decoupledWeightDecay: true, weightDecay: 0.3 }],
  ["AdamW", { lr: 0.01 }],
  ["AdamW", { lr: 0.02, weightDecay: 0.5, amsgrad: true }],
];
const FUSED: Partial<Record<OptimizerName, string>> = {
  SGD: "DlcourseSgdUpdate", RMSprop: "DlcourseRmspropUpdate", Adam: "DlcourseAdamUpdate", AdamW: "DlcourseAdamUpdate",
};

/** Five steps on two parameters with seeded gradients: final weights and every state tensor. */
async function run(name: OptimizerName, options: Record<string, unknown>, fused: boolean): Promise<Map<string, number[]>> {
  const was = optim.useFusedUpdates(fused);
  const w = tf.tidy(() => tf.variable(tf.randomNormal([7, 3], 0, 1, "float32", 1)));
  const b = tf.tidy(() => tf.variable(tf.randomNormal([3], 0, 1, "float32", 2)));
  const opt = make(name, options);
  for (let t = 0; t < 5; t++) {
    const grads = { [w.name]: tf.randomNormal([7, 3], 0, 1, "float32", 10 + t), [b.name]: tf.randomNormal([3], 0, 1, "float32", 20 + t) };
    opt.applyGradients(grads);
    tf.dispose(Object.values(grads));
  }
  const out = new Map<string, number[]>([["w", Array.from(w.dataSync())], ["b", Array.from(b.dataSync())]]);
  for (const { name: n, tensor } of await opt.getWeights()) {
    out.set(n.replace(w.name, "w").replace(b.name, "b"), Array.from(tensor.dataSync()));
    tensor.dispose();
  }
  opt.dispose();
  tf.dispose([w, b]);
  optim.useFusedUpdates(was);
  return out;
}

for (const [name, options] of CASES) {
  test(`${name} ${JSON.stringify(options)}: the fused update equals the composite ops (weights and state, 5 steps)`, async () => {
    await ready();
    const before = tf.memory().numTensors;
    const fused = await run(name, options, true);
    const composite = await run(name, options, false);
    assert.deepEqual([...fused.keys()].sort(), [...composite.keys()].sort(), "same state tensors");
    for (const [k, v] of composite) assertClose(fused.get(k)!, v, k, { rtol: 1e-5, atol: 1e-6 });
    assert.equal(tf.memory().numTensors, before, "tensors leaked");
  });
}

test("one kernel per parameter on wasm (tfjs ops elsewhere), and inputs are not written in place", async () => {
  const backend = await ready();
  for (const [name, options] of CASES) {
    const w = tf.tidy(() => tf.variable(tf.tensor2d([[1, -2], [3, 0.5]])));
    const opt = make(name, options);
    const grads = () => ({ [w.name]: tf.tensor2d([[0.5, 1], [-1, 2]]) });
    tf.tidy(() => opt.applyGradients(grads())); // creates the state
    const w0 = Array.from(w.dataSync());
    const g = grads();
    const alias = tf.reshape(w, [4]); // shares w's data: an in-place write would show here
    const info = await tf.profile(() => opt.applyGradients(g));
    const kernels = info.kernels.map((k) => k.name);
    const what = `${name} ${JSON.stringify(options)} on ${backend}: ${kernels.join(",")}`;
    if (backend === "wasm") assert.deepEqual(kernels, [FUSED[name]], what);
    else assert.ok(kernels.length > 1 && !kernels.some((k) => k.startsWith("Dlcourse")), what);
    assert.deepEqual(Array.from(alias.dataSync()), w0, `${what}: input changed`);
    assert.deepEqual(Array.from(g[w.name].dataSync()), [0.5, 1, -1, 2], `${what}: gradient changed`);
    assert.notDeepEqual(Array.from(w.dataSync()), w0, `${what}: w did not move`);
    tf.dispose([w, alias, g[w.name]]);
    opt.dispose();
  }
});

test("useFusedUpdates returns the previous setting", () => {
  const was = optim.useFusedUpdates(false);
  assert.equal(optim.useFusedUpdates(true), false);
  optim.useFusedUpdates(was);
});

test("plain SGD steps every parameter in one kernel: the bits of one kernel per parameter, inputs untouched", async () => {
  const backend = await ready();
  const { fusedSgdUpdate, fusedSgdUpdates } = await import("../../lib/engine/fused/sgd");
  const shapes = [[50, 50], [50], [2, 50], [7]];
  const params = shapes.map((s, i) => tf.tidy(() => tf.variable(tf.randomNormal(s, 0, 1, "float32", i))));
  const grads = shapes.map((s, i) => tf.mul(tf.randomNormal(s, 0, 1, "float32", 10 + i), tf.exp(tf.randomUniform(s, -8, 8, "float32", 20 + i))));
  const options = { lr: 0.1, momentum: 0, dampening: 0, weightDecay: 0.01, nesterov: false, maximize: true };
  const state = () => ({ slots: {}, scalars: { step: 1 } });
  // Each branch of the all-parameters loop: with and without decay, minimizing and maximizing.
  for (const [weightDecay, maximize] of [[0.01, true], [0, false], [0, true], [0.01, false]] as const) {
    const o = { ...options, weightDecay, maximize };
    const one = params.map((p, j) => fusedSgdUpdate(o, p, grads[j], state())!);
    const all = fusedSgdUpdates(o, params, grads, params.map(state));
    if (backend !== "wasm") assert.equal(all, null);
    else all!.forEach((t, j) => assert.deepEqual(Array.from(t.dataSync()), Array.from(one[j].dataSync()), `parameter ${j}, decay ${weightDecay}, maximize ${maximize}`));
    tf.dispose([...one, ...(all ?? [])]);
  }
  if (backend === "wasm") {
    assert.equal(fusedSgdUpdates({ ...options, momentum: 0.9 }, params, grads, params.map(state)), null, "momentum: per parameter");
    const opt = new optim.SGD({ lr: 0.1 });
    const w0 = params.map((p) => Array.from(p.dataSync()));
    const g = Object.fromEntries(params.map((p, j) => [p.name, grads[j]]));
    const info = await tf.profile(() => opt.applyGradients(g));
    assert.deepEqual(info.kernels.map((k) => k.name), ["DlcourseSgdUpdateMany"]);
    params.forEach((p, j) => assert.notDeepEqual(Array.from(p.dataSync()), w0[j], `parameter ${j} moved`));
    opt.dispose();
  }
  tf.dispose([...params, ...grads]);
});
