import { test } from "node:test";
import assert from "node:assert/strict";
import { optim, ready, tf } from "dlcourse";

test("surfaces take a point [2] or a batch [P, 2]", async () => {
  await ready();
  const before = tf.memory().numTensors;
  const pts = tf.tensor2d([[1, 1], [0, 0], [-1.5, 2], [0, Math.SQRT2]]);
  // rosenbrock: 0 at (1, 1), 1 at origin, (2.5)^2 + 100 * (2 - 2.25)^2 = 12.5 at the usual start
  const r = tf.tidy(() => optim.rosenbrock()(pts).dataSync());
  assert.deepEqual(Array.from(r).slice(0, 3), [0, 1, 12.5]);
  assert.equal(tf.tidy(() => optim.narrowValley({ a: 1, b: 10 })(tf.tensor1d([2, 1])).dataSync()[0]), 14);
  const s = tf.tidy(() => optim.saddle()(pts).dataSync());
  assert.ok(Math.abs(s[3] + 1) < 1e-6, `saddle minimum ${s[3]}`);
  pts.dispose();
  assert.equal(tf.memory().numTensors, before);
  assert.throws(() => optim.saddle()(tf.zeros([3]) as tf.Tensor1D), /optim\.saddle: expected p \[2\] or \[P, 2\], got \[3\]/);
  assert.throws(() => optim.rosenbrock({ c: 1 } as never), /optim\.rosenbrock: unknown option "c"/);
});

test("surfaceGrid lays z out as z[i][j] = f(x[j], y[i])", async () => {
  await ready();
  const g = optim.surfaceGrid(optim.narrowValley({ a: 1, b: 10 }), { x: [0, 2], y: [-1, 1], n: 3 });
  assert.deepEqual(g.x, [0, 1, 2]);
  assert.deepEqual(g.y, [-1, 0, 1]);
  assert.deepEqual(g.z, [[10, 11, 14], [0, 1, 4], [10, 11, 14]]);
  assert.throws(() => optim.surfaceGrid(optim.saddle(), { x: [1, 0], y: [0, 1] }), /expected x as \[min, max\] with min < max, got \[1, 0\]/);
  assert.throws(() => optim.surfaceGrid(optim.saddle(), { x: [0, 1] }), /option y is required/);
});
