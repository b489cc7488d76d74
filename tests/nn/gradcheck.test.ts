import { test } from "node:test";
import assert from "node:assert/strict";
import { nn, ready, tf } from "dlcourse";
import { noLeaks } from "../helpers/tensors";

test.before(() => ready());

// Tolerances, honestly: tfjs is float32 (~7 digits), so neither the analytic backward nor the
// central differences can reach CS231n's float64 "< 1e-7". Measured here with h = 1e-2 and the
// loss summed in double: scaledError <= 4e-5 for every layer, CS231n relError <= 4e-5 except
// batch-norm training dx (1.4e-2: an entry of 3.5e-4 among entries of 0.8 carries 1e-5 of
// rounding noise). A wrong gradient gives > 1e-1 on both. The float64 side of the story: the
// analytic formulas match PyTorch's float64 autograd (dense/batchnorm tests) and the checker
// itself reaches 1e-9 on float64 functions (below).
const TOL = Number(process.env.GC_TOL ?? 1e-4);

test("relError is CS231n's max elementwise relative error", () => {
  assert.equal(nn.relError([1, 2], [1, 2]), 0);
  assert.ok(Math.abs(nn.relError([1, 2], [1, 2.0001]) - 0.0001 / 4.0001) < 1e-12);
  assert.equal(nn.relError([0], [0]), 0);
  assert.throws(() => nn.relError([1], [1, 2]), /nn\.relError: expected equal sizes, got 1 and 2/);
});

test("float64 numeric gradient of a plain function reaches 1e-9", () => {
  const f = (x: Float64Array) => Math.sin(x[0]) * x[1] ** 3 + Math.exp(x[0] * x[1]);
  const x = [0.3, -0.7];
  const exact = [Math.cos(0.3) * (-0.7) ** 3 + -0.7 * Math.exp(-0.21), 3 * Math.sin(0.3) * 0.49 + 0.3 * Math.exp(-0.21)];
  assert.ok(nn.relError(nn.numericGradientArray(f, x), exact) < 1e-9);
});

test("float32 numeric gradient of a tensor function", async () => {
  await noLeaks(() => {
    const x = tf.tensor([0.5, -1.2, 2]);
    const g = nn.numericGradient((v) => tf.sum(tf.mul(tf.square(v), v)), x, { h: 1e-2 });
    assert.ok(nn.relError(g, [0.75, 4.32, 12]) < 1e-4, `${g.dataSync()}`);
    tf.dispose([x, g]);
  });
});

function seeded(shape: number[], seed: number, scale = 1): tf.Tensor {
  return tf.mul(tf.randomNormal(shape, 0, 1, "float32", seed), scale);
}

test("every from-scratch layer passes its gradient check", async () => {
  await noLeaks(() => tf.tidy(() => {
    const x = seeded([4, 5], 1);
    const w = seeded([5, 3], 2);
    const b = seeded([3], 3);
    const reports: Record<string, nn.LayerGradCheck[]> = {
      dense: nn.checkLayer((p) => nn.denseForward(p.x, p.w, p.b), nn.denseBackward, { x, w, b }, { h: 1e-2 }),
      dropout: nn.checkLayer((p) => nn.dropoutForward(p.x, { p: 0.4, seed: 5 }), nn.dropoutBackward, { x }, { h: 1e-2 }),
      sigmoid: nn.checkLayer((p) => nn.activationForward(p.x, nn.sigmoid), nn.activationBackward, { x }, { h: 1e-2 }),
      tanh: nn.checkLayer((p) => nn.activationForward(p.x, nn.tanh), nn.activationBackward, { x }, { h: 1e-2 }),
      // ReLU-family kinks: inputs are kept away from 0 by more than h
      relu: nn.checkLayer((p) => nn.activationForward(p.x, nn.relu), nn.activationBackward, { x: tf.add(x, tf.mul(tf.sign(x), 0.1)) }, { h: 1e-2 }),
      leakyRelu: nn.checkLayer((p) => nn.activationForward(p.x, nn.leakyRelu(0.1)), nn.activationBackward, { x: tf.add(x, tf.mul(tf.sign(x), 0.1)) }, { h: 1e-2 }),
      elu: nn.checkLayer((p) => nn.activationForward(p.x, nn.elu(1)), nn.activationBackward, { x: tf.add(x, tf.mul(tf.sign(x), 0.1)) }, { h: 1e-2 }),
    };
    for (const training of [true, false]) {
      const gamma = seeded([5], 4);
      const beta = seeded([5], 6);
      const fwd = (p: Record<string, tf.Tensor>) => {
        const state = { runningMean: tf.tensor([0.1, 0.2, -0.3, 0, 1]), runningVar: tf.tensor([1, 2, 0.5, 1.5, 1]) };
        const r = nn.batchNormForward(p.x, p.gamma, p.beta, state, { training });
        tf.dispose([state.runningMean, state.runningVar]); // a throwaway state owns kept tensors
        return r;
      };
      reports[`batchNorm training=${training}`] = nn.checkLayer(fwd, nn.batchNormBackward, { x: seeded([6, 5], 7, 2), gamma, beta }, { h: 1e-2 });
    }
    for (const [layer, rows] of Object.entries(reports)) {
      if (process.env.GC_DEBUG) console.log(layer, rows);
      for (const r of rows) {
        assert.ok(r.scaledError < TOL, `${layer} d${r.name}: scaled error ${r.scaledError}`);
        const bound = layer === "batchNorm training=true" && r.name === "x" ? 5e-2 : TOL;
        assert.ok(r.relError < bound, `${layer} d${r.name}: relative error ${r.relError}`);
      }
    }
  }));
});

test("a wrong backward fails the check", () => {
  const x = seeded([3, 4], 1);
  const [r] = nn.checkLayer((p) => nn.activationForward(p.x, nn.tanh), (dout) => ({ dx: tf.mul(dout, 0.9) }), { x });
  assert.ok(r.relError > 1e-2 && r.scaledError > 1e-2, `${r.relError} ${r.scaledError}`);
  assert.throws(() => nn.checkLayer((p) => nn.activationForward(p.x, nn.tanh), () => ({}), { x }), /nn\.checkLayer: backward returned no dx/);
  x.dispose();
});
