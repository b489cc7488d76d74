import { test } from "node:test";
import assert from "node:assert/strict";
import { ready, tf, optim, nn, losses } from "dlcourse";
import { lazyFusedMatMulOp } from "../../lib/engine";

test.before(() => ready({ backend: "wasm" }));
test.after(() => lazyFusedMatMulOp.install());

const bits = (t: tf.Tensor) => Array.from(t.dataSync());

test("values and every gradient equal tfjs's own fused matMul, for each transpose and with or without bias", () => {
  for (const [ta, tb] of [[false, false], [true, false], [false, true], [true, true]]) {
    for (const withBias of [true, false]) {
      const a = tf.randomNormal(ta ? [7, 5] : [5, 7], 0, 1, "float32", 1) as tf.Tensor2D;
      const b = tf.randomNormal(tb ? [3, 7] : [7, 3], 0, 1, "float32", 2) as tf.Tensor2D;
      const bias = tf.randomNormal([3], 0, 1, "float32", 3) as tf.Tensor1D;
      const f = (x: tf.Tensor, w: tf.Tensor, c?: tf.Tensor) =>
        tf.sum(tf.square(tf.fused.matMul({ a: x as tf.Tensor2D, b: w as tf.Tensor2D, transposeA: ta, transposeB: tb, bias: c })));
      const run = () => tf.tidy(() => [tf.fused.matMul({ a, b, transposeA: ta, transposeB: tb, bias: withBias ? bias : undefined }), ...tf.grads(f)(withBias ? [a, b, bias] : [a, b])]);
      lazyFusedMatMulOp.uninstall();
      const expected = run();
      lazyFusedMatMulOp.install();
      const before = tf.memory().numTensors;
      const got = run();
      assert.equal(tf.memory().numTensors, before + got.length, "no tensor leaks");
      for (let i = 0; i < got.length; i++) assert.deepEqual(bits(got[i]), bits(expected[i]), `(${ta}, ${tb}, bias ${withBias}) output ${i}`);
      tf.dispose([a, b, bias, ...expected, ...got]);
    }
  }
});

test("the gradient of a first layer's weights runs no product for the input's derivative", () => {
  const x = tf.randomNormal([16, 12], 0, 1, "float32", 4) as tf.Tensor2D;
  const w = tf.variable(tf.randomNormal([12, 6], 0, 1, "float32", 5));
  const products = async () => {
    const info = await tf.profile(() => tf.tidy(() => tf.variableGrads(() => tf.sum(tf.fused.matMul({ a: x, b: w as unknown as tf.Tensor2D })), [w]).grads[w.name]));
    tf.dispose(info.result as tf.Tensor);
    return info.kernels.filter((k) => k.name === "BatchMatMul" || k.name === "_FusedMatMul").length;
  };
  return (async () => {
    lazyFusedMatMulOp.uninstall();
    const tfjs = await products();
    lazyFusedMatMulOp.install();
    const ours = await products();
    assert.equal(tfjs, 3, "tfjs: the forward product, dX and dW");
    assert.equal(ours, 2, "the forward product and dW only");
    tf.dispose([x, w]);
  })();
});

test("model.fit of a dense net with BatchNorm, Dropout and Adam trains to the same bits", async () => {
  const fit = async () => {
    const init = (seed: number) => ({ kernelInitializer: tf.initializers.glorotUniform({ seed }) });
    const model = tf.sequential({ layers: [
      tf.layers.dense({ units: 32, inputShape: [20], ...init(1) }), new nn.BatchNorm(), tf.layers.reLU(), new nn.Dropout({ p: 0.2, seed: 0 }),
      tf.layers.dense({ units: 4, ...init(2) }),
    ] });
    model.compile({ optimizer: new optim.Adam({ lr: 1e-2 }), loss: (t: tf.Tensor, p: tf.Tensor) => losses.crossEntropy(t, p) });
    const x = tf.randomNormal([96, 20], 0, 1, "float32", 6);
    const y = tf.oneHot(tf.randomUniform([96], 0, 4, "int32", 7) as tf.Tensor1D, 4).toFloat();
    const h = await model.fit(x, y, { epochs: 2, batchSize: 32, shuffle: false, verbose: 0 });
    const out = [...(h.history.loss as number[]), ...model.getWeights().flatMap((t) => bits(t))];
    model.dispose();
    tf.dispose([x, y]);
    return out;
  };
  lazyFusedMatMulOp.uninstall();
  const expected = await fit();
  lazyFusedMatMulOp.install();
  assert.deepEqual(await fit(), expected);
});
