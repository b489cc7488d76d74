import { test } from "node:test";
import assert from "node:assert/strict";
import { ready, tf, losses, nn } from "dlcourse";
import { assertSameBits } from "../helpers/tensors";
import { fusedCrossEntropy } from "../../lib/engine/fused-cross-entropy";
import { crossEntropyKernels } from "../../lib/losses/kernel-hook";

const live = () => tf.engine().backend.numDataIds();

test.before(() => ready({ backend: "wasm" }));
test.after(() => fusedCrossEntropy.install()); // the state ready() leaves

type Loss = (z: tf.Tensor) => tf.Tensor;

/** The loss and d loss / dz (times a seed for every element's own dy) with tfjs's ops, then with the kernels. */
function both(loss: Loss, z: tf.Tensor): { ours: tf.Tensor[]; tfjs: tf.Tensor[] } {
  const run = () => {
    const { value, grad } = tf.valueAndGrad(loss)(z);
    return [value, grad];
  };
  fusedCrossEntropy.uninstall();
  const tfjs = run();
  assert.equal(fusedCrossEntropy.install(), true);
  const before = live();
  const ours = run();
  assert.equal(live(), before + 2, "only the loss and the gradient stay on the heap");
  return { ours, tfjs };
}

function assertBoth(loss: Loss, z: tf.Tensor, what: string): void {
  const { ours, tfjs } = both(loss, z);
  assertSameBits(ours[0], tfjs[0], `${what}: loss`);
  assertSameBits(ours[1], tfjs[1], `${what}: gradient`);
  tf.dispose([...ours, ...tfjs]);
}

test("class indices, probability rows and label smoothing give the composite's bits, loss and gradient", () => {
  for (const [n, c] of [[300, 3], [64, 10], [1, 2], [5, 2], [7, 37]]) {
    for (const scale of [1, 30, 1e-3]) {
      const z = tf.tidy(() => tf.mul(tf.randomNormal([n, c], 0, 1, "float32", n + c), scale));
      const labels = tf.tidy(() => tf.randomUniform([n], 0, c, "int32", n));
      const probs = tf.tidy(() => tf.softmax(tf.randomNormal([n, c], 0, 2, "float32", 3 * n)));
      const w = tf.tidy(() => tf.randomNormal([n], 0, 1, "float32", 7));
      assertBoth((v) => losses.crossEntropy(labels, v), z, `[${n}, ${c}] x ${scale}, indices`);
      assertBoth((v) => losses.crossEntropy(probs, v, { labelSmoothing: 0.1 }), z, `[${n}, ${c}] x ${scale}, rows, smoothing`);
      assertBoth((v) => tf.sum(tf.mul(losses.crossEntropy(labels, v, { reduction: "none" }), w)), z, `[${n}, ${c}] x ${scale}, per-row dy`);
      tf.dispose([z, labels, probs, w]);
    }
  }
});

test("extreme logits, zero and negative targets, infinities and NaN follow the composite", () => {
  const z = tf.tensor2d([[1e30, -1e30, 0], [88, -104, 3], [Infinity, 1, 2], [-Infinity, 0, 1], [NaN, 1, 2], [1, NaN, 2], [-0, 0, -0]]);
  const t = tf.tensor2d([[1, 0, 0], [0, 0.5, 0.5], [0, 1, 0], [-1, 1, 1], [1, 0, 0], [0, 0, 1], [0, 0, 0]]);
  assertBoth((v) => losses.crossEntropy(t, v, { reduction: "sum" }), z, "special values");
  tf.dispose([z, t]);
});

test("class indices go to the kernels as they are: the one-hot rows' bits, no OneHot or Cast kernel", async () => {
  const z = tf.tensor2d([[1e30, -1e30, 0], [88, -104, 3], [Infinity, 1, 2], [-Infinity, 0, 1], [NaN, 1, 2], [1, NaN, 2], [-0, 0, -0], [0, 0, 0]]);
  const y = tf.tensor1d([0, 1, 2, 0, 1, 2, 0, 1], "int32");
  assertBoth((v) => losses.crossEntropy(y, v, { reduction: "none" }), z, "special values, indices, per row");
  assertBoth((v) => losses.crossEntropy(y, v, { reduction: "sum" }), z, "special values, indices, sum");
  const z2 = tf.tidy(() => tf.randomNormal([300, 3], 0, 1, "float32", 5));
  const y2 = tf.tidy(() => tf.randomUniform([300], 0, 3, "int32", 6));
  losses.crossEntropy(y2, z2).dispose(); // labels checked once (a read), as before
  const { kernelNames, result } = await tf.profile(() => tf.tidy(() => tf.valueAndGrad((v: tf.Tensor) => losses.crossEntropy(y2, v))(z2).grad));
  (result as tf.Tensor).dispose();
  assert.ok(kernelNames.includes("DlcourseCrossEntropyRows"), kernelNames.join(", "));
  assert.ok(!kernelNames.includes("OneHot") && !kernelNames.includes("Cast"), kernelNames.join(", "));
  tf.dispose([z, y, z2, y2]);
});

test("nn.softmaxLoss's loss and dscores give the composite's bits, in one kernel", () => {
  const cases: [string, tf.Tensor, tf.Tensor][] = [];
  for (const [n, c] of [[300, 3], [64, 10], [1, 2], [7, 37]]) {
    for (const scale of [1, 30, 1e-3]) {
      cases.push([`[${n}, ${c}] x ${scale}`, tf.tidy(() => tf.mul(tf.randomNormal([n, c], 0, 1, "float32", n * c), scale)), tf.randomUniform([n], 0, c, "int32", n)]);
    }
  }
  cases.push(["special values", tf.tensor2d([[1e30, -1e30, 0], [88, -104, 3], [Infinity, 1, 2], [-Infinity, 0, 1], [NaN, 1, 2], [-0, 0, -0]]), tf.tensor1d([1, 0, 2, 0, 1, 2], "int32")]);
  for (const [what, scores, y] of cases) {
    fusedCrossEntropy.uninstall();
    const expected = nn.softmaxLoss(scores, y);
    fusedCrossEntropy.install();
    const before = live();
    const got = nn.softmaxLoss(scores, y);
    assert.equal(live(), before + 2, `${what}: only the loss and dscores stay on the heap`);
    assertSameBits(got.loss, expected.loss, `${what}: loss`);
    assertSameBits(got.dscores, expected.dscores, `${what}: dscores`);
    tf.dispose([scores, y, got.loss, got.dscores, expected.loss, expected.dscores]);
  }
});

test("while a gradient is being recorded the backward kernel stands aside (its ops are not differentiable)", () => {
  const [dy, logp, t] = [tf.ones([2]), tf.zeros([2, 3]), tf.oneHot([2, 0], 3).toFloat()];
  const outside = crossEntropyKernels.current.backward(dy, logp, t);
  assert.ok(outside instanceof tf.Tensor, "outside a recording: the kernel");
  let inside: tf.Tensor | null = tf.scalar(0);
  tf.grad((v: tf.Tensor) => {
    inside = crossEntropyKernels.current.backward(dy, logp, t);
    return tf.sum(v);
  })(tf.ones([1]));
  assert.equal(inside, null, "inside: null, so the loss runs its tfjs ops");
  tf.dispose([dy, logp, t, outside!]);
});

test("off wasm the loss runs its tfjs ops, with the same numbers", async () => {
  const z = [[0.3, -1.2, 2], [1, 0.5, -0.5]];
  const onWasm = tf.tidy(() => losses.crossEntropy([2, 0], z).dataSync()[0]);
  await ready({ backend: "cpu" });
  const onCpu = tf.tidy(() => losses.crossEntropy([2, 0], z).dataSync()[0]);
  await ready({ backend: "wasm" });
  assert.equal(onCpu, onWasm);
});
