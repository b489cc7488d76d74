import { test } from "node:test";
import assert from "node:assert/strict";
import { optim, ready, tf } from "dlcourse";
import { testMlp, testTrajectories } from "./helpers";

testTrajectories("SGD");
testMlp("SGD");

test("SGD with momentum, by hand: buffer starts at the first gradient, dampening from step 2", async () => {
  await ready();
  // f(w) = w^2 / 2 so g = w. w0 = 1, lr 0.1, mu 0.5, tau 0.5:
  // step 1: b = g = 1,                     w = 1 - 0.1 * 1 = 0.9
  // step 2: b = 0.5 * 1 + 0.5 * 0.9 = 0.95, w = 0.9 - 0.095 = 0.805
  const { trajectory } = optim.optimizePath((w) => tf.mul(0.5, tf.sum(tf.square(w))) as tf.Scalar, [1], {
    optimizer: new optim.SGD({ lr: 0.1, momentum: 0.5, dampening: 0.5 }),
    steps: 2,
  });
  assert.ok(Math.abs(trajectory[1][0] - 0.9) < 1e-6 && Math.abs(trajectory[2][0] - 0.805) < 1e-6, `got ${trajectory}`);
});

test("SGD rejects bad options with the option's name", () => {
  assert.throws(() => new optim.SGD({ lr: -1 }), /optim\.SGD: expected lr >= 0, got -1/);
  assert.throws(() => new optim.SGD({ momentum: -0.1 }), /optim\.SGD: expected momentum >= 0, got -0\.1/);
  assert.throws(() => new optim.SGD({ nesterov: true }), /optim\.SGD: nesterov needs momentum > 0 and dampening 0/);
  assert.throws(() => new optim.SGD({ lr: 0.1, mommentum: 0.9 } as never), /optim\.SGD: unknown option "mommentum" \(known: lr, momentum/);
  assert.throws(() => new optim.SGD({ lr: NaN }), /expected lr >= 0, got NaN/);
});

test("SGD has PyTorch's defaults and a settable lr", () => {
  const opt = new optim.SGD();
  assert.deepEqual(opt.options, { lr: 1e-3, momentum: 0, dampening: 0, weightDecay: 0, nesterov: false, maximize: false });
  opt.lr = 0.5;
  assert.equal(opt.getConfig().lr, 0.5);
  assert.throws(() => (opt.lr = -2), /expected lr >= 0, got -2/);
  opt.dispose();
});

test("SGD as a plain tf.Optimizer: minimize updates the variables it is given", async () => {
  await ready();
  const w = tf.tidy(() => tf.variable(tf.tensor1d([3])));
  const opt = new optim.SGD({ lr: 0.25 });
  // f = w^2, g = 6: w = 3 - 0.25 * 6 = 1.5
  opt.minimize(() => tf.sum(tf.square(w)) as tf.Scalar, false, [w]);
  assert.equal(w.dataSync()[0], 1.5);
  assert.equal(opt.iterations, 1);
  assert.throws(() => (opt.momentum = 2), /optim\.SGD: expected momentum in \[0, 1\], got 2/);
  opt.dispose();
  w.dispose();
});

test("the lecture's momentum and Sutskever-Nesterov formulas give SGD's iterates (constant lr)", async () => {
  await ready();
  // f = (x^2 + 10 y^2) / 2, gradient (x, 10 y); eta = 0.02, mu = 0.9, 25 steps, in plain JS.
  const grad = ([x, y]: number[]) => [x, 10 * y];
  const [eta, mu, start] = [0.02, 0.9, [3, 1]];
  const f = (p: tf.Tensor1D) => tf.mul(0.5, tf.sum(tf.mul(tf.square(p), tf.tensor1d([1, 10])))) as tf.Scalar;
  const heavy = optim.optimizePath(f, start, { optimizer: new optim.SGD({ lr: eta, momentum: mu }), steps: 25 });
  const nesterov = optim.optimizePath(f, start, { optimizer: new optim.SGD({ lr: eta, momentum: mu, nesterov: true }), steps: 25 });
  let [w, h] = [start.slice(), [0, 0]];
  let [u, v] = [start.slice(), [0, 0]];
  for (let t = 1; t <= 25; t++) {
    // heavy ball: h_t = mu h_{t-1} + eta g(w_{t-1}); w_t = w_{t-1} - h_t
    const g = grad(w);
    h = h.map((hi, i) => mu * hi + eta * g[i]);
    w = w.map((wi, i) => wi - h[i]);
    // Sutskever: v_t = mu v_{t-1} + eta g(u_{t-1} - mu v_{t-1}); u_t = u_{t-1} - v_t
    const gl = grad(u.map((ui, i) => ui - mu * v[i]));
    v = v.map((vi, i) => mu * vi + eta * gl[i]);
    u = u.map((ui, i) => ui - v[i]);
    heavy.trajectory[t].forEach((p, i) => assert.ok(Math.abs(p - w[i]) < 1e-5, `momentum step ${t}: ${p} vs ${w[i]}`));
    // PyTorch's Nesterov variable is the look-ahead point u_t - mu v_t.
    nesterov.trajectory[t].forEach((p, i) => assert.ok(Math.abs(p - (u[i] - mu * v[i])) < 1e-5, `nesterov step ${t}: ${p}`));
  }
});
