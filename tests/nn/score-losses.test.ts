import { test } from "node:test";
import assert from "node:assert/strict";
import { nn, ready, tf } from "dlcourse";
import { assertClose, fixture, noLeaks } from "../helpers/tensors";

const ref = fixture("nn", "nn.json").scoreLosses;
test.before(() => ready());

test("softmaxLoss matches F.cross_entropy and its gradient", async () => {
  await noLeaks(() => {
    const { loss, dscores } = nn.softmaxLoss(ref.scores, ref.y);
    assertClose(loss, [ref.softmax], "loss", { rtol: 1e-6, atol: 1e-6 });
    assertClose(dscores, ref.dSoftmax, "dscores", { rtol: 1e-5, atol: 1e-7 });
    tf.dispose([loss, dscores]);
  });
});

test("svmLoss matches CS231n's hinge (PyTorch's multi_margin_loss times C) and its gradient", async () => {
  await noLeaks(() => {
    const [s, y] = [tf.tensor(ref.scores), tf.tensor(ref.y)];
    const { loss, dscores } = nn.svmLoss(s, y);
    assertClose(loss, [ref.svm], "loss", { rtol: 1e-6, atol: 1e-6 });
    assertClose(dscores, ref.dSvm, "dscores", { rtol: 1e-6, atol: 1e-7 });
    tf.dispose([loss, dscores, s, y]);
  });
});

test("large logits stay finite", () => {
  const { loss, dscores } = nn.softmaxLoss([[1000, -1000, 0]], [1]);
  assertClose(loss, [2000], "", { rtol: 1e-6 });
  assert.ok(dscores.dataSync().every(Number.isFinite));
  tf.dispose([loss, dscores]);
});

test("labels are validated", () => {
  assert.throws(() => nn.softmaxLoss([[1, 2]], [2]), /nn\.softmaxLoss: expected y of class indices in \[0, 1\], got y\[0\] = 2/);
  assert.throws(() => nn.svmLoss([[1, 2]], [0, 1]), /nn\.svmLoss: expected y \[1\], got \[2\]/);
});

test("softmaxLoss reads a label tensor back once per class count, not once per step", async () => {
  await ready();
  const y = tf.tensor1d([0, 2], "int32");
  const scores = tf.tensor2d([[1, 2, 3], [0, 1, 0]]);
  let reads = 0;
  const dataSync = y.dataSync.bind(y);
  y.dataSync = (() => (reads++, dataSync())) as typeof y.dataSync;
  const a = nn.softmaxLoss(scores, y);
  const b = nn.softmaxLoss(scores, y);
  assert.equal(reads, 1);
  assert.equal(a.loss.dataSync()[0], b.loss.dataSync()[0]);
  const two = tf.tensor2d([[1, 2], [0, 1]]);
  assert.throws(() => nn.softmaxLoss(two, y), /expected y of class indices in \[0, 1\], got y\[1\] = 2/);
  tf.dispose([y, scores, a.loss, a.dscores, b.loss, b.dscores, two]);
});
