import { test } from "node:test";
import assert from "node:assert/strict";
import { init, nn, ready, tf } from "dlcourse";
import { noLeaks } from "../../helpers/tensors";

test.before(() => ready());

/** Three Gaussian blobs in 2-D, labels 0..2. */
function blobs(n: number, seed: number): { x: tf.Tensor2D; y: tf.Tensor1D } {
  return tf.tidy(() => {
    const y = tf.tensor1d(Array.from({ length: n }, (_, i) => i % 3), "int32");
    const centers = tf.tensor2d([[2, 0], [-1, 1.7], [-1, -1.7]]);
    const x = tf.add(tf.gather(centers, y), tf.randomNormal([n, 2], 0, 0.5, "float32", seed)) as tf.Tensor2D;
    return { x, y };
  });
}

test("manual backprop of dense-ReLU-dense equals tf.grad of the same forward", async () => {
  const net = nn.twoLayerNet(2, 16, 3, { seed: 1 });
  const { x, y } = blobs(30, 2);
  await noLeaks(() => {
    const { loss, grads } = net.lossAndGrads(x, y);
    const names = Object.keys(net.params());
    assert.deepEqual(names, ["0.w", "0.b", "2.w", "2.b"]);
    const autodiff = tf.grads((...ps: tf.Tensor[]) => {
      const params = Object.fromEntries(names.map((k, i) => [k, ps[i]]));
      const { out } = net.forward(x, { params });
      return nn.softmaxLoss(out, y).loss;
    });
    const auto = autodiff(names.map((k) => net.params()[k]));
    names.forEach((k, i) => assert.ok(nn.relError(grads[k], auto[i]) < 1e-5, `${k}: ${nn.relError(grads[k], auto[i])}`));
    const lossValue = tf.tidy(() => nn.softmaxLoss(net.forward(x).out, y).loss.dataSync()[0]);
    assert.ok(Math.abs(loss - lossValue) < 1e-6);
    tf.dispose([...auto, ...Object.values(grads)]);
  });
  tf.dispose([x, y, ...Object.values(net.params())]);
});

test("with batch norm and dropout (fixed seed) the manual gradients still equal tf.grad", () => {
  const { x, y } = blobs(24, 3);
  const net = new nn.Sequential([
    nn.denseLayer(tf.randomNormal([2, 8], 0, 0.7, "float32", 4), tf.zeros([8])),
    nn.batchNormLayer(8),
    nn.activationLayer(nn.tanh),
    nn.dropoutLayer(0.3),
    nn.denseLayer(tf.randomNormal([8, 3], 0, 0.5, "float32", 5), tf.zeros([3])),
  ]);
  const { grads } = net.lossAndGrads(x, y, { seed: 9, loss: "svm" });
  const names = Object.keys(net.params());
  const auto = tf.grads((...ps: tf.Tensor[]) => {
    const params = Object.fromEntries(names.map((k, i) => [k, ps[i]]));
    return nn.svmLoss(net.forward(x, { params, seed: 9 }).out, y).loss;
  })(names.map((k) => net.params()[k]));
  names.forEach((k, i) => {
    if (k === "0.b") {
      // batch norm subtracts the batch mean: the bias before it has no effect, its gradient is 0
      // up to rounding (1e-8 vs 1e-8 is a relative error of 1), so compare absolutely.
      assert.ok(Math.max(...grads[k].dataSync(), ...auto[i].dataSync()) < 1e-5, "0.b gradient ~ 0");
    } else assert.ok(nn.relError(grads[k], auto[i]) < 1e-4, `${k}: ${nn.relError(grads[k], auto[i])}`);
  });
  tf.dispose([x, y, ...auto, ...Object.values(grads)]);
});

test("SGD with manual gradients fits the blobs", () => {
  const net = nn.twoLayerNet(2, 16, 3, { seed: 1 });
  const { x, y } = blobs(90, 7);
  const first = net.lossAndGrads(x, y);
  net.sgdStep(first.grads, 0.5);
  let last = first.loss;
  for (let i = 0; i < 100; i++) {
    const { loss, grads } = net.lossAndGrads(x, y);
    net.sgdStep(grads, 0.5);
    last = loss;
  }
  assert.ok(last < 0.2 * first.loss, `loss ${first.loss} -> ${last}`);
  const acc = tf.tidy(() => tf.mean(tf.cast(tf.equal(tf.argMax(net.forward(x, { training: false }).out, 1), y), "float32")).dataSync()[0]);
  assert.ok(acc > 0.95, `accuracy ${acc}`);
  tf.dispose([x, y, ...Object.values(net.params())]);
});

test("activationStats shows the signal of a deep tanh net vanishing under the naive init", async () => {
  const x = tf.randomNormal([200, 100], 0, 1, "float32", 3);
  const build = (initW: (shape: number[], o: { seed: number }) => tf.Tensor) => new nn.Sequential(
    Array.from({ length: 5 }, (_, i) => [nn.denseLayer(initW([100, 100], { seed: i }), tf.zeros([100])), nn.activationLayer(nn.tanh)]).flat());
  const naive = build(init.naiveUniform);
  const xavier = build(init.xavierUniform);
  await noLeaks(() => {
    const [a, b] = [naive.activationStats(x), xavier.activationStats(x)];
    assert.deepEqual(a.map((r) => r.name), ["1.tanh", "3.tanh", "5.tanh", "7.tanh", "9.tanh"]);
    // Var(w) = 1/(3n) shrinks the std about sqrt(3) per layer (measured 0.46 -> 0.05 over 5 layers);
    // Xavier decays slowly (0.63 -> 0.32, tanh is contracting), ending ~7x larger
    assert.ok(a[4].std < 0.2 * a[0].std, `naive: ${a.map((r) => r.std.toFixed(3))}`);
    assert.ok(b[4].std > 0.4 * b[0].std && b[4].std > 5 * a[4].std, `xavier: ${b.map((r) => r.std.toFixed(3))}`);
  });
  tf.dispose([x, ...Object.values(naive.params()), ...Object.values(xavier.params())]);
});

test("a training step leaves no tensors behind", async () => {
  const net = nn.twoLayerNet(2, 4, 3, { seed: 1 });
  const { x, y } = blobs(9, 2);
  await noLeaks(() => {
    const { grads } = net.lossAndGrads(x, y);
    net.sgdStep(grads, 0.1);
  });
  tf.dispose([x, y, ...Object.values(net.params())]);
});

test("lossAndGrads skips the first dense layer's dx: the same gradients as backward, one matrix product fewer", () => {
  const net = nn.twoLayerNet(2, 16, 3, { seed: 4 });
  const { x, y } = blobs(30, 5);
  const products = () => {
    let n = 0;
    const k = tf.getKernel("BatchMatMul", tf.getBackend())!;
    const f = k.kernelFunc;
    (k as { kernelFunc: unknown }).kernelFunc = (a: never) => (n++, f(a));
    return { count: () => n, restore: () => ((k as { kernelFunc: unknown }).kernelFunc = f) };
  };
  const viaBackward = tf.tidy(() => {
    const { out, caches } = net.forward(x);
    const { dscores } = nn.softmaxLoss(out, y);
    return net.backward(dscores, caches).grads;
  });
  const counter = products();
  const { grads } = net.lossAndGrads(x, y);
  counter.restore();
  // forward 2, backward: dw and dx of the last layer, dw of the first (no dx there)
  assert.equal(counter.count(), 5);
  for (const k of Object.keys(viaBackward)) assert.deepEqual(grads[k].dataSync(), viaBackward[k].dataSync(), k);
  tf.dispose([x, y, ...Object.values(viaBackward), ...Object.values(grads), ...Object.values(net.params())]);
});

test("a layer that returns no dx where one is needed is an error naming it", () => {
  const dense = nn.denseLayer(tf.ones([2, 2]), tf.zeros([2]));
  const lazy: nn.NetLayer = { ...dense, kind: "lazy", backward: (d, c) => ({ ...dense.backward(d, c), dx: null }) };
  const net = new nn.Sequential([nn.denseLayer(tf.ones([2, 2]), tf.zeros([2])), lazy]);
  const x = tf.ones([3, 2]);
  assert.throws(() => net.lossAndGrads(x, [0, 1, 1]), /nn\.Sequential\.backward: expected layer 1 \(lazy\) to return dx, got null/);
  tf.dispose([x, ...Object.values(net.params())]);
});

test("net construction is validated", () => {
  assert.throws(() => new nn.Sequential([]), /nn\.Sequential: expected a non-empty array of layers/);
  assert.throws(() => nn.twoLayerNet(2, 0, 3), /nn\.twoLayerNet: expected H a positive integer, got 0/);
});

test("a tfjs-layers class in the from-scratch Sequential is an error naming the NetLayer to use", () => {
  assert.equal(nn.layers.BatchNorm, nn.BatchNorm, "nn.layers.X and nn.X are the same class");
  const layer = new nn.layers.BatchNorm();
  assert.throws(() => new nn.Sequential([layer as never]), /nn\.Sequential: expected layer 0 as a NetLayer \(nn\.denseLayer, nn\.batchNormLayer.*got BatchNorm; .*tf\.sequential/);
});
