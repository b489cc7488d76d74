import { test } from "node:test";
import assert from "node:assert/strict";
import { optim, ready, tf } from "dlcourse";
import { testMlp, testTrajectories } from "./helpers";

testTrajectories("NAdam");
testMlp("NAdam");

test("NAdam by hand: first step mixes the gradient and the next momentum", async () => {
  await ready();
  // f = w (g = 1), beta1 0.9, psi 0: mu = mu_next = 0.45 for every t, P_1 = 0.45.
  // m_1 = 0.1, v_hat = 1, d = 1 (eps 0):
  // w = -0.1 * 0.55 / 0.55 * 1 - 0.1 * 0.45 / (1 - 0.2025) * 0.1 = -0.1 - 0.00564263 = -0.10564263.
  const { trajectory } = optim.optimizePath((w) => tf.sum(w) as tf.Scalar, [0], {
    optimizer: new optim.NAdam({ lr: 0.1, eps: 0, momentumDecay: 0 }),
    steps: 1,
  });
  assert.ok(Math.abs(trajectory[1][0] + 0.10564263) < 1e-6, `got ${trajectory[1]}`);
});

test("NAdam rejects bad options with the option's name", () => {
  assert.throws(() => new optim.NAdam({ lr: -1 }), /optim\.NAdam: expected lr >= 0, got -1/);
  assert.throws(() => new optim.NAdam({ momentumDecay: -1 }), /optim\.NAdam: expected momentumDecay >= 0, got -1/);
  assert.throws(() => new optim.NAdam({ betas: [0.9, 1.5] }), /expected betas .* got \[0\.9, 1\.5\]/);
  assert.throws(() => new optim.NAdam({ momentum_decay: 4e-3 } as never), /unknown option "momentum_decay"/);
});

test("NAdam has PyTorch's defaults", () => {
  const o = new optim.NAdam().options;
  assert.deepEqual([o.lr, o.betas, o.eps, o.weightDecay, o.momentumDecay, o.decoupledWeightDecay], [2e-3, [0.9, 0.999], 1e-8, 0, 4e-3, false]);
});
