import { test } from "node:test";
import assert from "node:assert/strict";
import { ready, tf, nn, optim } from "dlcourse";
import { lazyFusedConv2dOp } from "../../lib/engine";

test.before(() => ready({ backend: "wasm" }));
test.after(() => lazyFusedConv2dOp.install());

const bits = (t: tf.Tensor) => Array.from(t.dataSync());

test("values and every gradient equal tfjs's own fused conv2d (padding, stride, bias or none)", () => {
  for (const [pad, stride, withBias] of [["same", 1, true], ["valid", 1, false], ["same", 2, true]] as const) {
    const x = tf.randomNormal([4, 9, 9, 3], 0, 1, "float32", 1) as tf.Tensor4D;
    const filter = tf.randomNormal([3, 3, 3, 5], 0, 1, "float32", 2) as tf.Tensor4D;
    const bias = tf.randomNormal([5], 0, 1, "float32", 3) as tf.Tensor1D;
    const f = (a: tf.Tensor, w: tf.Tensor, c?: tf.Tensor) =>
      tf.sum(tf.square(tf.fused.conv2d({ x: a as tf.Tensor4D, filter: w as tf.Tensor4D, strides: stride, pad, bias: c })));
    const run = () => tf.tidy(() => [tf.fused.conv2d({ x, filter, strides: stride, pad, bias: withBias ? bias : undefined }),
      ...tf.grads(f)(withBias ? [x, filter, bias] : [x, filter])]);
    lazyFusedConv2dOp.uninstall();
    const expected = run();
    lazyFusedConv2dOp.install();
    const before = tf.memory().numTensors;
    const got = run();
    assert.equal(tf.memory().numTensors, before + got.length, "no tensor leaks");
    got.forEach((g, i) => assert.deepEqual(bits(g), bits(expected[i]), `${pad} stride ${stride} bias ${withBias}: output ${i}`));
    tf.dispose([x, filter, bias, ...expected, ...got]);
  }
});

test("a first conv layer's weight gradient runs no Conv2DBackpropInput, and model.fit trains to the same bits", async () => {
  const fit = async () => {
    const model = tf.sequential({ layers: [
      tf.layers.conv2d({ inputShape: [8, 8, 3], filters: 4, kernelSize: 3, padding: "same", useBias: false, kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }),
      new nn.BatchNorm(), tf.layers.reLU(), tf.layers.flatten(),
      tf.layers.dense({ units: 3, activation: "softmax", kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
    ] });
    model.compile({ optimizer: new optim.SGD({ lr: 0.05, momentum: 0.9, nesterov: true }), loss: "categoricalCrossentropy" });
    const x = tf.randomNormal([32, 8, 8, 3], 0, 1, "float32", 4);
    const y = tf.oneHot(tf.randomUniform([32], 0, 3, "int32", 5) as tf.Tensor1D, 3).toFloat();
    const info = await tf.profile(async () => void (await model.fit(x, y, { epochs: 2, batchSize: 16, shuffle: false, verbose: 0 })));
    const out = model.getWeights().flatMap((t) => bits(t));
    model.dispose();
    tf.dispose([x, y]);
    return { out, inputGrads: info.kernels.filter((k) => k.name === "Conv2DBackpropInput").length };
  };
  lazyFusedConv2dOp.uninstall();
  const expected = await fit();
  lazyFusedConv2dOp.install();
  const got = await fit();
  assert.equal(expected.inputGrads, 4, "tfjs: one per batch");
  assert.equal(got.inputGrads, 0);
  assert.deepEqual(got.out, expected.out);
});
