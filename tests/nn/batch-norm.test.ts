import { test } from "node:test";
import assert from "node:assert/strict";
import { nn, ready, tf } from "dlcourse";
import { assertClose, fixture, noLeaks } from "../helpers/tensors";

const ref = fixture("nn", "nn.json").batchNorm;
test.before(() => ready());

test("training mode: y, gradients and running stats match PyTorch over three steps, then eval mode", async () => {
  await noLeaks(() => {
    const state = nn.createBatchNormState(4);
    for (const [i, s] of ref.train.entries()) {
      const { y, cache } = nn.batchNormForward(s.x, ref.gamma, ref.beta, state, { training: true });
      assertClose(y, s.y, `step ${i} y`, { rtol: 1e-4, atol: 1e-5 });
      assertClose(state.runningMean, s.runningMean, `step ${i} runningMean`, { rtol: 1e-5, atol: 1e-5 });
      assertClose(state.runningVar, s.runningVar, `step ${i} runningVar (unbiased)`, { rtol: 1e-5, atol: 1e-5 });
      const dy = tf.tensor(s.dy);
      const { dx, dgamma, dbeta } = nn.batchNormBackward(dy, cache);
      assertClose(dx, s.dx, `step ${i} dx`, { rtol: 1e-4, atol: 1e-5 });
      assertClose(dgamma, s.dgamma, `step ${i} dgamma`, { rtol: 1e-4, atol: 1e-5 });
      assertClose(dbeta, s.dbeta, `step ${i} dbeta`, { rtol: 1e-5, atol: 1e-5 });
      tf.dispose([y, dy, dx, dgamma, dbeta]);
      nn.disposeCache(cache);
    }
    const e = ref.eval;
    const { y, out, cache } = nn.batchNormForward(e.x, ref.gamma, ref.beta, state, { training: false });
    assert.equal(y, out);
    assertClose(y, e.y, "eval y", { rtol: 1e-4, atol: 1e-5 });
    assertClose(state.runningVar, ref.train[2].runningVar, "eval leaves the running stats", { rtol: 1e-5, atol: 1e-5 });
    const dy = tf.tensor(e.dy);
    const g = nn.batchNormBackward(dy, cache);
    assertClose(g.dx, e.dx, "eval dx", { rtol: 1e-4, atol: 1e-5 });
    assertClose(g.dgamma, e.dgamma, "eval dgamma", { rtol: 1e-4, atol: 1e-5 });
    assertClose(g.dbeta, e.dbeta, "eval dbeta", { rtol: 1e-5, atol: 1e-5 });
    tf.dispose([y, dy, g.dx, g.dgamma, g.dbeta, state.runningMean, state.runningVar]);
    nn.disposeCache(cache);
  });
});

test("the running stats survive a tf.tidy around the step", () => {
  const state = nn.createBatchNormState(2);
  tf.tidy(() => { nn.batchNormForward([[0, 1], [2, 5]], [1, 1], [0, 0], state); });
  assertClose(state.runningMean, [0.1, 0.3], "", { rtol: 1e-6, atol: 1e-7 });
  assertClose(state.runningVar, [0.9 + 0.1 * 2, 0.9 + 0.1 * 8], "", { rtol: 1e-6, atol: 1e-7 }); // unbiased: (1+1)/1, (4+4)/1
  tf.dispose([state.runningMean, state.runningVar]);
});

test("bad shapes and arguments are named", async () => {
  const state = nn.createBatchNormState(3);
  await noLeaks(() => {
    assert.throws(() => tf.tidy(() => void nn.batchNormForward(tf.zeros([4, 2]), [1, 1], [0, 0], state)), /nn\.batchNormForward: expected state\.runningMean \[2\], got \[3\]/);
    assert.throws(() => tf.tidy(() => void nn.batchNormForward(tf.zeros([4, 3]), [1, 1], [0, 0, 0], state)), /expected gamma \[3\], got \[2\]/);
    assert.throws(() => tf.tidy(() => void nn.batchNormForward(tf.zeros([1, 3]), [1, 1, 1], [0, 0, 0], state)), /training needs N >= 2.*got x \[1, 3\]/);
    assert.throws(() => tf.tidy(() => void nn.batchNormForward(tf.zeros([4, 3]), [1, 1, 1], [0, 0, 0], state, { momentum: 2 })), /expected momentum in \[0, 1\], got 2/);
    assert.throws(() => tf.tidy(() => void nn.batchNormForward(tf.zeros([4, 3]), [1, 1, 1], [0, 0, 0], state, { eps: 0 })), /expected eps > 0, got 0/);
  });
  assert.throws(() => nn.batchNormForward([[1], [2]], [1], [0], {} as never), /nn\.batchNormForward: expected state \{ runningMean, runningVar \} as tensors \[D\]; create it with createBatchNormState\(D\)/);
  assert.throws(() => nn.createBatchNormState(0), /expected D a positive integer, got 0/);
  tf.dispose([state.runningMean, state.runningVar]);
});
