import { test } from "node:test";
import assert from "node:assert/strict";
import { init, ready, tf } from "dlcourse";
import { describe as stats, fixture, noLeaks } from "../helpers/tensors";

const ref = fixture("init", "init.json");
const FNS: Record<string, (shape: number[], o?: any) => tf.Tensor> = {
  xavierUniform: init.xavierUniform, xavierNormal: init.xavierNormal, kaimingUniform: init.kaimingUniform,
  kaimingNormal: init.kaimingNormal, lecunNormal: init.lecunNormal, naiveUniform: init.naiveUniform,
  uniform: init.uniform, normal: init.normal, truncatedNormal: init.truncatedNormal,
};

test.before(() => ready());

// Sampling error: the mean of n draws has sd sigma/sqrt(n), the sample sd has relative sd of
// about 1/sqrt(2n) (normal) or less (uniform); 6 of those is a bound a correct sampler never hits.
for (const [key, c] of Object.entries<any>(ref.cases)) {
  test(`${key} matches PyTorch's distribution on ${JSON.stringify(c.shape)}`, () => {
    const fn = FNS[key.split("_")[0]];
    const w = fn(c.shape, { ...c.options, seed: 7 });
    assert.deepEqual(w.shape, c.shape);
    const s = stats(w);
    w.dispose();
    const o = c.options;
    const lo = key === "uniform" ? o.a : c.bound != null ? -c.bound : undefined;
    const hi = key === "uniform" ? o.b : c.bound;
    const std = key === "truncatedNormal" ? o.std * 0.8796256610342398
      : c.std ?? o.std ?? (hi - lo) / Math.sqrt(12);
    const mean = o.mean ?? (lo != null ? (lo + hi) / 2 : 0);
    assert.ok(Math.abs(s.mean - mean) < (6 * std) / Math.sqrt(s.n), `mean ${s.mean} vs ${mean}`);
    assert.ok(Math.abs(s.std / std - 1) < 6 / Math.sqrt(2 * s.n), `std ${s.std} vs ${std}`);
    assert.ok(Math.abs(s.std / c.torchStd - 1) < 12 / Math.sqrt(2 * s.n), `std ${s.std} vs torch ${c.torchStd}`);
    if (hi != null && key !== "truncatedNormal") {
      assert.ok(s.min >= lo && s.max <= hi, `range [${s.min}, ${s.max}] outside [${lo}, ${hi}]`);
      const eps = (hi - lo) * (20 / s.n);
      assert.ok(s.min < lo + eps && s.max > hi - eps, `range [${s.min}, ${s.max}] does not reach [${lo}, ${hi}]`);
    }
    if (key === "truncatedNormal") assert.ok(s.min >= o.mean - 2 * o.std - 1e-6 && s.max <= o.mean + 2 * o.std + 1e-6);
  });
}

test("truncated variants keep the target variance (Keras's VarianceScaling correction)", () => {
  for (const w of [init.kaimingNormal([400, 300], { truncated: true, seed: 1 }), init.lecunNormal([400, 300], { truncated: true, seed: 1 })]) {
    const s = stats(w);
    w.dispose();
    assert.ok(s.max <= (2 * Math.sqrt(2 / 400)) / 0.8796256610342398 + 1e-6);
    assert.ok(Math.abs(s.std * Math.sqrt(400) - (s.max > 0.15 ? Math.SQRT2 : 1)) < 0.02, `std ${s.std}`);
  }
});

test("fans follow the tfjs layout and equal PyTorch's for the same layer", () => {
  for (const [shape, f] of Object.entries<any>(ref.fans)) assert.deepEqual(init.computeFans(JSON.parse(shape)), f);
});

test("calculateGain matches torch.nn.init.calculate_gain", () => {
  for (const [key, g] of Object.entries<number>(ref.gains)) {
    const [name, param] = key.split(":");
    assert.ok(Math.abs(init.calculateGain(name as init.Nonlinearity, param == null ? undefined : Number(param)) - g) < 1e-15, key);
  }
});

test("the same seed gives the same tensor, another seed another", () => {
  const [a, b, c] = [1, 1, 2].map((seed) => init.kaimingUniform([20, 10], { seed }));
  assert.deepEqual(a.dataSync(), b.dataSync());
  assert.notDeepEqual(a.dataSync(), c.dataSync());
  tf.dispose([a, b, c]);
  const [z1, z2] = [0, 0].map((seed) => init.normal([20], { seed }));
  assert.deepEqual(z1.dataSync(), z2.dataSync(), "seed 0 is a seed too (tfjs's normal ignores it)");
  tf.dispose([z1, z2]);
});

test("constants", () => {
  const [z, c] = [init.zeros([2, 3]), init.constant([2], 0.25)];
  assert.deepEqual(Array.from(z.dataSync()), [0, 0, 0, 0, 0, 0]);
  assert.deepEqual(Array.from(c.dataSync()), [0.25, 0.25]);
  tf.dispose([z, c]);
});

test("bad arguments name the function and what arrived", () => {
  assert.throws(() => init.xavierUniform([10]), /init\.xavierUniform: fans need a kernel with at least 2 dimensions.*got shape \[10\]/);
  assert.throws(() => init.normal([2, -1]), /init\.normal: expected shape as an array of positive integers, got \[2,-1\]/);
  assert.throws(() => init.kaimingNormal([2, 2], { mode: "fan_in" as never }), /init\.kaimingNormal: expected mode "fanIn" or "fanOut", got "fan_in"/);
  assert.throws(() => init.xavierNormal([2, 2], { gain: 0 }), /init\.xavierNormal: expected gain > 0, got 0/);
  assert.throws(() => init.uniform([2], { a: 1, b: 0 }), /init\.uniform: expected a < b, got a = 1, b = 0/);
  assert.throws(() => init.calculateGain("softplus" as never), /calculateGain: unknown nonlinearity "softplus"/);
});

test("asInitializer works as a tfjs-layers kernelInitializer, seeded and distinct per layer", async () => {
  const build = () => {
    const ki = init.asInitializer(init.kaimingUniform, { nonlinearity: "relu", seed: 3 });
    const model = tf.sequential({ layers: [
      tf.layers.dense({ units: 50, inputShape: [50], kernelInitializer: ki }),
      tf.layers.dense({ units: 50, kernelInitializer: ki }),
    ] });
    return model;
  };
  const [m1, m2] = [build(), build()];
  const w1 = m1.getWeights().map((w) => Array.from(w.dataSync()));
  const w2 = m2.getWeights().map((w) => Array.from(w.dataSync()));
  assert.deepEqual(w1, w2);
  assert.notDeepEqual(w1[0], w1[2]);
  assert.ok(Math.max(...w1[0].map(Math.abs)) <= Math.sqrt(6 / 50));
  m1.dispose();
  m2.dispose();
});

test("initializers leave no tensors behind", async () => {
  await noLeaks(() => tf.dispose([init.xavierNormal([5, 5], { truncated: true }), init.naiveUniform([3, 3, 2, 2])]));
});
