import { test } from "node:test";
import assert from "node:assert/strict";
import { nn, ready, tf } from "dlcourse";
import { assertClose, fixture, noLeaks } from "../../helpers/tensors";

const ref = fixture("nn", "nn.json").weightDecay;
test.before(() => ready());

test("penalties have Keras semantics (no 1/2) and match tfjs's own regularizers", async () => {
  await noLeaks(() => {
    const w = tf.tensor(ref.w0);
    const cases: [nn.Penalty, number, tf.Scalar][] = [
      [nn.l1(0.3), 0.3 * ref.l1Penalty, tf.regularizers.l1({ l1: 0.3 }).apply(w)],
      [nn.l2(0.3), 0.3 * ref.l2Penalty, tf.regularizers.l2({ l2: 0.3 }).apply(w)],
      [nn.elasticNet({ l1: 0.1, l2: 0.2 }), 0.1 * ref.l1Penalty + 0.2 * ref.l2Penalty, tf.regularizers.l1l2({ l1: 0.1, l2: 0.2 }).apply(w)],
    ];
    for (const [pen, expected, tfjs] of cases) {
      const v = pen.penalty(w);
      assertClose(v, [expected], "", { rtol: 1e-6, atol: 1e-7 });
      assertClose(v, tfjs.dataSync()[0], "", { rtol: 1e-6, atol: 1e-7 });
      tf.dispose([v, tfjs]);
    }
    tf.dispose(w);
  });
  assert.equal(nn.l1().l1, 0.01);
  assert.equal(nn.l2().l2, 0.01);
});

test("penalty gradient equals tf.grad, and SGD with L2 equals PyTorch's weight_decay = 2 * l2", async () => {
  await noLeaks(() => tf.tidy(() => {
    const w = tf.tensor(ref.w0);
    const pen = nn.l1l2({ l1: 0.1, l2: 0.05 });
    assertClose(pen.grad(w), Array.from(tf.grad((v: tf.Tensor) => pen.penalty(v))(w).dataSync()), "", { rtol: 1e-6, atol: 1e-7 });
    const step = tf.sub(w, tf.mul(tf.add(tf.tensor(ref.grad), nn.l2(ref.l2).grad(w)), ref.lr));
    assertClose(step, ref.sgdWeightDecay, "SGD + L2 penalty vs torch SGD(weight_decay = 2 l2)", { rtol: 1e-6, atol: 1e-7 });
  }));
});

test("usable as kernel and bias regularizers in tfjs-layers; activity penalties in custom loops", async () => {
  const model = tf.sequential({ layers: [tf.layers.dense({
    units: 2, inputShape: [3], kernelInitializer: "ones", biasInitializer: "ones",
    kernelRegularizer: nn.l2(0.1), biasRegularizer: nn.l1(0.5),
  })] });
  // learning rate 0: fit only reports the training loss, which (unlike evaluate) includes penalties
  model.compile({ optimizer: tf.train.sgd(0), loss: "meanSquaredError" });
  const [x, y] = [tf.ones([1, 3]), tf.zeros([1, 2])];
  const h = await model.fit(x, y, { epochs: 1, verbose: 0 });
  // mse = 4^2 = 16; kernel 0.1 * (6 * 1^2) = 0.6; bias 0.5 * (1 + 1) = 1
  assertClose(h.history.loss[0] as number, [16 + 0.6 + 1], "", { rtol: 1e-6 });
  // tfjs-layers 4.22 refuses activityRegularizer on any layer (NotImplementedError), so an
  // activity penalty is added by hand: penalty(h) on the activations.
  assert.throws(() => tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1], activityRegularizer: nn.l1() })] }), /activity regularizer/);
  const act = tf.tidy(() => nn.l1(0.01).penalty(model.predict(x) as tf.Tensor).dataSync()[0]);
  assert.ok(Math.abs(act - 0.08) < 1e-6);
  tf.dispose([x, y]);
  model.dispose();
});

test("negative rates are refused", () => {
  assert.throws(() => nn.l2(-1), /nn\.regularizers: expected l2 >= 0, got -1/);
  assert.throws(() => nn.l1l2({ l1: NaN }), /expected l1 >= 0, got NaN/);
});
