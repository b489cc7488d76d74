import { test } from "node:test";
import assert from "node:assert/strict";
import { losses, ready, tf } from "dlcourse";
import { assertClose, fixture, noLeaks } from "../helpers/tensors";

const ref = fixture("losses", "losses.json");
const FNS: Record<string, (t: any, p: any, o?: any) => tf.Tensor> = {
  binaryCrossEntropy: losses.binaryCrossEntropy, binaryCrossEntropyWithLogits: losses.binaryCrossEntropyWithLogits,
  crossEntropy: losses.crossEntropy, categoricalCrossEntropy: losses.categoricalCrossEntropy, klDiv: losses.klDiv,
  mse: losses.mse, mae: losses.mae, huber: losses.huber, multiclassHinge: losses.multiclassHinge,
};
const num = (v: unknown): unknown => (Array.isArray(v) ? v.map(num) : v === "Infinity" ? Infinity : v === "-Infinity" ? -Infinity : v);

test.before(() => ready());

// float32 against PyTorch float64: rtol 1e-4 covers the cancellation in 1 - p near p = 1.
for (const [i, c] of ref.cases.entries()) {
  const label = `${c.fn} ${JSON.stringify(c.options)} #${i}`;
  test(`${label} matches PyTorch for every reduction`, async () => {
    await noLeaks(() => {
      for (const [reduction, expected] of Object.entries<unknown>(c.expected)) {
        const out = FNS[c.fn](c.yTrue, c.yPred, { ...c.options, reduction });
        assert.ok(out.dataSync().every((v) => !Number.isNaN(v)), `${label} ${reduction}: NaN`);
        assertClose(out, num(expected), `${label} ${reduction}`, { rtol: 1e-4, atol: 1e-5 });
        out.dispose();
      }
    });
  });
}

test("tensors and arrays are both accepted", () => {
  const [t, p] = [tf.tensor([1, 0]), tf.tensor([0.9, 0.2])];
  const a = losses.binaryCrossEntropy(t, p);
  const b = losses.binaryCrossEntropy([1, 0], [0.9, 0.2]);
  assertClose(a, [(-Math.log(0.9) - Math.log(0.8)) / 2], "", { rtol: 1e-6 });
  assert.equal(a.dataSync()[0], b.dataSync()[0]);
  tf.dispose([t, p, a, b]);
});

test("bad arguments name the loss, the argument and the shapes", async () => {
  await noLeaks(() => {
    assert.throws(() => losses.mse([1, 2], [[1, 2]]), /losses\.mse: expected yTrue and yPred of the same shape, got \[2\] and \[1, 2\]/);
    assert.throws(() => losses.huber([1], [1], { delta: 0 }), /losses\.huber: expected delta > 0, got 0/);
    assert.throws(() => losses.mae([1], [1], { reduction: "avg" as never }), /losses\.mae: expected reduction "mean", "sum" or "none", got "avg"/);
    assert.throws(() => losses.crossEntropy([0, 4], [[1, 2], [3, 4]]), /losses\.crossEntropy: expected class indices in \[0, 1\], got yTrue\[1\] = 4/);
    assert.throws(() => losses.crossEntropy([[1, 0, 0]], [[1, 2]]), /losses\.crossEntropy: expected yTrue \[1, 2\], got \[1, 3\]/);
    assert.throws(() => losses.crossEntropy([0], [[1, 2]], { labelSmoothing: 1.5 }), /expected labelSmoothing in \[0, 1\], got 1\.5/);
    assert.throws(() => losses.categoricalCrossEntropy([0], [0.5, 0.5]), /losses\.categoricalCrossEntropy: expected yPred \[N, C\], got \[2\]/);
    assert.throws(() => losses.multiclassHinge([0, 1], [[1, 2]]), /losses\.multiclassHinge: expected yTrue \[1\] \(class indices\), got \[2\]/);
  });
});

test("the logits forms are differentiable and stable at large logits", () => {
  const g = tf.grad((z: tf.Tensor) => losses.binaryCrossEntropyWithLogits([1, 0], z))(tf.tensor([1000, 1000]));
  assertClose(g, [0, 0.5], "", { rtol: 1e-6, atol: 1e-7 }); // (sigmoid(z) - y) / N
  const gc = tf.grad((z: tf.Tensor) => losses.crossEntropy([0], z))(tf.tensor([[1000, 0]]));
  assert.ok(gc.dataSync().every(Number.isFinite));
  tf.dispose([g, gc]);
});

test("crossEntropy reads a label tensor back once per class count, not once per call (full-batch loops)", () => {
  const labels = tf.tensor1d([0, 2, 1], "int32");
  const logits = tf.tensor2d([[1, 2, 3], [0, 0, 1], [2, 1, 0]]);
  let reads = 0;
  const dataSync = labels.dataSync.bind(labels);
  labels.dataSync = (() => (reads++, dataSync())) as typeof labels.dataSync;
  const first = losses.crossEntropy(labels, logits);
  const again = losses.crossEntropy(labels, logits);
  assert.equal(reads, 1, "checked once");
  assert.equal(first.dataSync()[0], again.dataSync()[0]);
  // Checked for C = 3 says nothing about C = 2: that call checks again, and rejects label 2.
  const two = tf.tensor2d([[1, 2], [0, 0], [2, 1]]);
  assert.throws(() => losses.crossEntropy(labels, two), /expected class indices in \[0, 1\], got yTrue\[1\] = 2/);
  assert.equal(reads, 2);
  tf.dispose([labels, logits, first, again, two]);
});
