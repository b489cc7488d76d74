// Backend neutrality: lib/engine's overrides are installed by ready() on wasm only; on cpu (and
// after switching from wasm to cpu) tfjs's own kernels and engine run, and the lib's training
// paths (autodiff + optim.Adam/SGD, nn.Sequential with its hand-written backward) give the same
// numbers on both backends to float32 rounding.
import { test } from "node:test";
import assert from "node:assert/strict";
import { nn, optim, ready, tf, type BackendName } from "dlcourse";
import { OVERRIDES } from "../../lib/engine";
import { fastUpdateFor } from "../../lib/optim/update-hook";

/** Five steps of a 2-4-3 net with Adam then SGD with momentum (autodiff path); the final weights and losses. */
function autodiffRun(): number[] {
  const x = tf.tensor2d([[1, -2], [0.5, 3], [-1, 1], [2, 0.5]]);
  const y = tf.tensor1d([0, 2, 1, 2], "int32");
  const w1 = tf.variable(tf.tensor2d([[0.3, -0.2, 0.1, 0.4], [0.5, 0.4, -0.6, 0.2]]));
  const w2 = tf.variable(tf.tensor2d([[0.1, -0.3, 0.2], [0.2, 0.1, -0.1], [-0.4, 0.3, 0.5], [0.3, -0.2, 0.1]]));
  const out: number[] = [];
  for (const opt of [new optim.Adam({ lr: 0.05 }), new optim.SGD({ lr: 0.1, momentum: 0.9 })]) {
    for (let i = 0; i < 5; i++) {
      const loss = opt.minimize(() => tf.losses.softmaxCrossEntropy(tf.oneHot(y, 3), tf.matMul(tf.relu(tf.matMul(x, w1)), w2)) as tf.Scalar, true);
      out.push(loss!.dataSync()[0]);
      loss!.dispose();
    }
    opt.dispose();
  }
  out.push(...w1.dataSync(), ...w2.dataSync());
  tf.dispose([x, y, w1, w2]);
  return out;
}

async function on(backend: BackendName): Promise<number[]> {
  await ready({ backend });
  return autodiffRun();
}

function assertClose(a: number[], b: number[], what: string): void {
  assert.equal(a.length, b.length);
  a.forEach((v, i) => assert.ok(Math.abs(v - b[i]) <= 1e-5 * Math.max(1, Math.abs(v)), `${what}[${i}]: ${v} vs ${b[i]}`));
}

test("on cpu nothing of lib/engine is installed, also after wasm; the fused updates stand aside", async () => {
  await ready({ backend: "wasm" });
  assert.deepEqual(OVERRIDES.filter((o) => !o.installed()).map((o) => o.name), [], "all installed on wasm");
  await ready({ backend: "cpu" });
  assert.deepEqual(OVERRIDES.filter((o) => o.installed()).map((o) => o.name), [], "none installed on cpu");
  // The fast updates stay registered but return null off wasm: the composite tfjs ops run.
  const update = fastUpdateFor<never>(optim.Adam as unknown as { className: string });
  if (update) {
    const w = tf.tensor1d([1, 2]);
    const state = { slots: { expAvg: tf.variable(tf.zeros([2])), expAvgSq: tf.variable(tf.zeros([2])) }, scalars: { step: 1 } };
    assert.equal(update({ lr: 0.1, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0 } as never, w, w, state), null);
    tf.dispose([w, ...Object.values(state.slots)]);
  }
  await ready({ backend: "wasm" });
  assert.ok(OVERRIDES.every((o) => o.installed()), "installed again on wasm");
});

test("the autodiff training path gives the same numbers on cpu and on wasm with the engine", async () => {
  const wasm = await on("wasm");
  const cpu = await on("cpu");
  assertClose(cpu, wasm, "cpu vs wasm");
  await ready({ backend: "wasm" });
});

test("nn.Sequential's hand-written training step gives the same numbers on cpu and wasm", async () => {
  const run = async (backend: BackendName) => {
    await ready({ backend });
    const net = new nn.Sequential([
      nn.denseLayer(tf.tensor2d([[0.3, -0.2, 0.1, 0.4], [0.5, 0.4, -0.6, 0.2]]), tf.zeros([4])),
      nn.activationLayer(nn.relu),
      nn.denseLayer(tf.tensor2d([[0.1, -0.3, 0.2], [0.2, 0.1, -0.1], [-0.4, 0.3, 0.5], [0.3, -0.2, 0.1]]), tf.zeros([3])),
    ]);
    const x = tf.tensor2d([[1, -2], [0.5, 3], [-1, 1], [2, 0.5]]);
    const y = tf.tensor1d([0, 2, 1, 2], "int32");
    const losses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const { loss, grads } = net.lossAndGrads(x, y);
      losses.push(loss);
      net.sgdStep(grads, 0.1);
      tf.dispose(Object.values(grads));
    }
    tf.dispose([x, y]);
    return losses;
  };
  assertClose(await run("cpu"), await run("wasm"), "losses");
  await ready({ backend: "wasm" });
});
