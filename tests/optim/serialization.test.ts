import { test } from "node:test";
import assert from "node:assert/strict";
import { optim, ready, tf } from "dlcourse";
import { make, OPTIMIZERS } from "./helpers";

const OPTIONS: Record<string, Record<string, unknown>> = {
  SGD: { lr: 0.05, momentum: 0.9, nesterov: true },
  Adagrad: { lr: 0.05, initialAccumulatorValue: 0.1 },
  Adadelta: { rho: 0.95 },
  RMSprop: { lr: 0.01, centered: true, momentum: 0.5 },
  Adam: { lr: 0.01, amsgrad: true, betas: [0.8, 0.99] },
  AdamW: { lr: 0.01, weightDecay: 0.1 },
  Adamax: { lr: 0.01 },
  NAdam: { lr: 0.01, decoupledWeightDecay: true, weightDecay: 0.01 },
};

function model(): tf.Sequential {
  const m = tf.sequential();
  m.add(tf.layers.dense({ units: 4, inputShape: [3], activation: "tanh", kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }));
  m.add(tf.layers.dense({ units: 1, kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }));
  return m;
}

const weightsOf = (m: tf.LayersModel) => m.getWeights().map((w) => Array.from(w.dataSync()));

for (const name of OPTIMIZERS) {
  test(`${name} trains a tfjs-layers model with compile + fit, saves with the model and resumes identically`, async () => {
    await ready();
    const x = tf.tensor2d([[0, 1, 2], [1, 0, -1], [2, 2, 0], [-1, 0.5, 1], [0.3, -2, 1], [1, 1, 1]]);
    const y = tf.tensor2d([[1], [0], [2], [-1], [0.5], [1.5]]);
    const m = model();
    const opt = make(name, OPTIONS[name]);
    m.compile({ optimizer: opt, loss: "meanSquaredError" });
    const h = await m.fit(x, y, { epochs: 8, batchSize: 6, verbose: 0 });
    const losses = h.history.loss as number[];
    assert.ok(losses.every(Number.isFinite) && losses[7] < losses[0], `${name} loss ${losses}`);

    let saved: tf.io.ModelArtifacts | undefined;
    await m.save(tf.io.withSaveHandler(async (a) => ((saved = a), { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON" } })), {
      includeOptimizer: true,
    });
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(saved!));
    const restored = loaded.optimizer as optim.TorchOptimizer<optim.BaseOptions>;
    assert.ok(restored instanceof optim[name], `restored optimizer is a ${restored?.constructor?.name}`);
    assert.deepEqual(restored.getConfig(), opt.getConfig());
    assert.equal(restored.getClassName(), `dlcourse.${name}`);

    // One more epoch on each: identical weights only if the optimizer state came back too.
    await m.fit(x, y, { epochs: 1, batchSize: 6, verbose: 0 });
    await loaded.fit(x, y, { epochs: 1, batchSize: 6, verbose: 0 });
    const [a, b] = [weightsOf(m), weightsOf(loaded)];
    a.forEach((w, i) => w.forEach((v, j) => assert.ok(Math.abs(v - b[i][j]) < 1e-6, `${name} weight ${i}[${j}]: ${v} vs ${b[i][j]}`)));
    m.dispose();
    loaded.dispose();
    tf.dispose([x, y]);
  });

  test(`${name} round-trips through tf.serialization and fromConfig`, () => {
    const opt = make(name, OPTIONS[name]);
    const cls = tf.serialization.SerializationMap.getMap().classNameMap[`dlcourse.${name}`];
    assert.ok(cls != null, "registered");
    const copy = cls[1](cls[0], opt.getConfig()) as optim.TorchOptimizer<optim.BaseOptions>;
    assert.ok(copy instanceof optim[name]);
    assert.deepEqual(copy.options, opt.options);
    assert.deepEqual(JSON.parse(JSON.stringify(opt.getConfig())), opt.getConfig());
  });
}

test("a trained optimizer's state is freed by dispose (no tensors left behind)", async () => {
  await ready();
  const before = tf.memory().numTensors;
  const w = tf.tidy(() => tf.variable(tf.zeros([3])));
  for (const name of OPTIMIZERS) {
    const opt = make(name, OPTIONS[name]);
    for (let i = 0; i < 3; i++) opt.minimize(() => tf.sum(tf.square(tf.sub(w, 1))) as tf.Scalar, false, [w]);
    opt.dispose();
  }
  w.dispose();
  assert.equal(tf.memory().numTensors, before);
});

test("TorchOptimizer is the shared contract: a new optimizer needs only options, slots and update", async () => {
  await ready();
  class GD extends optim.TorchOptimizer<optim.BaseOptions> {
    static get className(): string {
      return "test.GD";
    }
    protected readonly slots: string[] = [];
    constructor(o?: Partial<optim.BaseOptions>) {
      super("GD", o, { lr: 0.1, maximize: false }, {});
    }
    protected update(w: tf.Tensor, g: tf.Tensor): tf.Tensor {
      return tf.sub(w, tf.mul(g, this.lr));
    }
  }
  // f = (w - 3)^2 from 0: g = -6, w = 0.6
  const { trajectory } = optim.optimizePath((w) => tf.sum(tf.square(tf.sub(w, 3))) as tf.Scalar, [0], { optimizer: new GD(), steps: 1 });
  assert.ok(Math.abs(trajectory[1][0] - 0.6) < 1e-6);
  assert.throws(() => new GD({ lr: -1 }), /GD: expected lr >= 0, got -1/);
});
