// lib/engine/autodiff-clone.ts: tensors saved for backprop as kernel-free handles; same gradients, first
// and second order, no leaks.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ready, tf } from "dlcourse";
import { autodiffClone } from "../../lib/engine";

/** dL/dw and dL/db of a small dense net, and the names of the kernels one tf.grads call ran. */
async function denseGrads(): Promise<{ grads: number[][]; kernels: string[] }> {
  const x = tf.tensor2d([[1, -2], [0.5, 3], [-1, 1]]);
  const [w, b] = tf.tidy(() => [tf.variable(tf.tensor2d([[0.3, -0.2, 0.1], [0.5, 0.4, -0.6]])), tf.variable(tf.tensor1d([0.1, 0, -0.1]))]);
  const f = () => tf.sum(tf.sigmoid(tf.relu(tf.add(tf.matMul(x, w), b)))) as tf.Scalar;
  let grads: number[][] = [];
  const info = await tf.profile(() => {
    const g = tf.variableGrads(f, [w, b]);
    grads = [w, b].map((v) => Array.from(g.grads[v.name].dataSync()));
    tf.dispose([g.value, ...Object.values(g.grads)]);
  });
  tf.dispose([x, w, b]);
  return { grads, kernels: info.kernels.map((k) => k.name) };
}

test("saved tensors cost no Identity kernel, gradients unchanged, nothing leaked", async () => {
  await ready();
  const was = autodiffClone.installed();
  const before = tf.memory().numTensors;
  autodiffClone.uninstall();
  const tfjs = await denseGrads();
  autodiffClone.install();
  const aliased = await denseGrads();
  if (!was) autodiffClone.uninstall();
  assert.ok(tfjs.kernels.includes("Identity"), `tfjs's clone runs Identity: ${tfjs.kernels.join(",")}`);
  assert.ok(!aliased.kernels.includes("Identity"), aliased.kernels.join(","));
  assert.deepEqual(aliased.grads, tfjs.grads);
  assert.equal(tf.memory().numTensors, before, "tensors leaked");
});

test("second derivatives still flow through saved tensors (gradient of a gradient)", async () => {
  await ready();
  const was = autodiffClone.installed();
  autodiffClone.install();
  const before = tf.memory().numTensors;
  // f = x^3 * sin(x): f'' = 6x sin x + 6x^2 cos x - x^3 sin x.
  const d2 = tf.grad(tf.grad((x: tf.Tensor) => tf.mul(tf.pow(x, 3), tf.sin(x))));
  const x = tf.tensor1d([0.5, 1.5, -2]);
  const got = Array.from(d2(x).dataSync());
  const want = [0.5, 1.5, -2].map((v) => 6 * v * Math.sin(v) + 6 * v * v * Math.cos(v) - v ** 3 * Math.sin(v));
  got.forEach((g, i) => assert.ok(Math.abs(g - want[i]) < 1e-4 * (1 + Math.abs(want[i])), `f''(${[0.5, 1.5, -2][i]}): ${g} vs ${want[i]}`));
  tf.dispose(x);
  if (!was) autodiffClone.uninstall();
  assert.ok(tf.memory().numTensors - before <= 1, "tensors leaked");
});

test("a variable assigned after the forward pass keeps its saved value for backprop", async () => {
  await ready();
  const was = autodiffClone.installed();
  autodiffClone.install();
  const w = tf.tidy(() => tf.variable(tf.tensor1d([2, 3])));
  // d/dx sum(x * w) = w as it was during the forward pass, even if w changes before backprop.
  const dx = tf.grad((x: tf.Tensor) => {
    const y = tf.sum(tf.mul(x, w));
    w.assign(tf.tensor1d([100, 100]));
    return y;
  })(tf.tensor1d([1, 1]));
  assert.deepEqual(Array.from(dx.dataSync()), [2, 3]);
  tf.dispose([w, dx]);
  if (!was) autodiffClone.uninstall();
});
