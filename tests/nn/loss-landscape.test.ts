import { test } from "node:test";
import assert from "node:assert/strict";
import { nn, ready, tf } from "dlcourse";
import { noLeaks } from "../helpers/tensors";

test.before(() => ready());

const centre = () => ({ "0.w": tf.tensor2d([[1, 0, 3], [2, 0.5, -4]]), "0.b": tf.tensor1d([0.1, 0.2, 0.3]) });
const colNorms = (t: tf.Tensor) => {
  const norms = tf.tidy(() => tf.sqrt(tf.sum(tf.square(t), 0)));
  const out = Array.from(norms.dataSync());
  norms.dispose();
  return out;
};

test("filterNormalizedDirection: every column has its weights' norm, vectors get zero, the seed fixes the draw", async () => {
  await noLeaks(() => {
    const p = centre();
    const d = nn.filterNormalizedDirection(p, { seed: 3 });
    const again = nn.filterNormalizedDirection(p, { seed: 3 });
    const other = nn.filterNormalizedDirection(p, { seed: 4 });
    colNorms(d["0.w"]).forEach((v, j) => assert.ok(Math.abs(v - colNorms(p["0.w"])[j]) < 1e-5, `column ${j}`));
    assert.deepEqual(Array.from(d["0.b"].dataSync()), [0, 0, 0]);
    assert.deepEqual(Array.from(again["0.w"].dataSync()), Array.from(d["0.w"].dataSync()));
    assert.notDeepEqual(Array.from(other["0.w"].dataSync()), Array.from(d["0.w"].dataSync()));
    tf.dispose([...Object.values(p), ...Object.values(d), ...Object.values(again), ...Object.values(other)]);
  });
});

test("filterNormalizedDirection: scaling a filter scales its direction (batch-norm scale invariance)", async () => {
  await noLeaks(() => {
    const p = centre();
    const scaled = { ...p, "0.w": tf.mul(p["0.w"], 10) };
    const d = nn.filterNormalizedDirection(p, { seed: 1 });
    const dScaled = nn.filterNormalizedDirection(scaled, { seed: 1 });
    const ratio = tf.tidy(() => tf.max(tf.abs(tf.sub(tf.div(dScaled["0.w"], d["0.w"]), 10))).dataSync()[0]);
    assert.ok(ratio < 1e-4);
    tf.dispose([...Object.values(p), scaled["0.w"], ...Object.values(d), ...Object.values(dScaled)]);
  });
});

test("offsetParams and paramsDifference: centre + sum scale_k d_k, and a + 1 * (b - a) = b", async () => {
  await noLeaks(() => {
    const a = centre();
    const b = { "0.w": tf.tensor2d([[0, 0, 0], [1, 1, 1]]), "0.b": tf.tensor1d([1, 1, 1]) };
    const ab = nn.paramsDifference(a, b);
    const end = nn.offsetParams(a, [{ direction: ab, scale: 1 }]);
    const mid = nn.offsetParams(a, [{ direction: ab, scale: 0.25 }, { direction: ab, scale: 0.25 }]);
    assert.deepEqual(Array.from(end["0.w"].dataSync()), Array.from(b["0.w"].dataSync()));
    assert.deepEqual(Array.from(mid["0.b"].dataSync()).map((v) => +v.toFixed(5)), [0.55, 0.6, 0.65]);
    tf.dispose([...Object.values(a), ...Object.values(b), ...Object.values(ab), ...Object.values(end), ...Object.values(mid)]);
  });
});

test("errors name the function, what was expected and what arrived", () => {
  const p = centre();
  assert.throws(() => nn.filterNormalizedDirection(p, {} as { seed: number }), /nn\.filterNormalizedDirection: expected options\.seed an integer, got undefined/);
  const cube = { k: tf.zeros([2, 2, 2]) };
  assert.throws(() => nn.filterNormalizedDirection(cube, { seed: 0 }), /expected matrices and vectors, got k of shape \[2,2,2\]/);
  const short = { "0.w": tf.zeros([2, 2]) };
  assert.throws(() => nn.offsetParams(p, [{ direction: short, scale: 1 }]), /nn\.offsetParams: direction 0 has no "0\.w" of shape \[2,3\]/);
  assert.throws(() => nn.paramsDifference(p, short), /nn\.paramsDifference: b has no "0\.w" of shape \[2,3\]/);
  tf.dispose([...Object.values(p), cube.k, short["0.w"]]);
});
