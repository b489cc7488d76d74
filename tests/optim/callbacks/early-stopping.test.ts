import { test } from "node:test";
import assert from "node:assert/strict";
import { optim, ready, tf } from "dlcourse";
import { sgd, tinyData, tinyModel } from "./helpers";

/** Feeds scripted epoch logs to the callback; returns the epoch it stopped at (0 if none). */
async function script(options: Partial<optim.EarlyStoppingOptions>, values: number[], key = "val_loss"): Promise<number> {
  const model = tinyModel(sgd(0.1));
  const cb = new optim.EarlyStopping(options);
  cb.setModel(model);
  await cb.onTrainBegin();
  for (let epoch = 0; epoch < values.length && !model.stopTraining; epoch++) await cb.onEpochEnd(epoch, { [key]: values[epoch] });
  model.dispose();
  return cb.stoppedEpoch;
}

test("EarlyStopping counts patience like Keras (wait >= patience, never at epoch 0)", async () => {
  await ready();
  // patience 2: best at epochs 0, 1; epoch 2 -> wait 1; epoch 3 -> wait 2 -> stop.
  assert.equal(await script({ patience: 2 }, [1.0, 0.9, 0.95, 0.93, 0.85]), 3);
  // patience 0 would stop at epoch 0 on a bad first value, but Keras never stops at epoch 0.
  assert.equal(await script({ patience: 0 }, [1.0, 1.0]), 1);
  // no stop while it improves
  assert.equal(await script({ patience: 1 }, [5, 4, 3, 2, 1]), 0);
});

test("EarlyStopping minDelta, mode auto for accuracies, and baseline", async () => {
  await ready();
  // 0.96 is better than 1.0 by less than minDelta 0.05: a bad epoch, stop at 1 with patience 1.
  assert.equal(await script({ patience: 1, minDelta: 0.05 }, [1.0, 0.96, 0.9]), 1);
  // "val_acc" is maximized in auto mode: a falling accuracy stops it.
  assert.equal(await script({ monitor: "val_acc", patience: 1 }, [0.5, 0.6, 0.55], "val_acc"), 2);
  // improvements that do not beat the baseline do not reset wait: stops at epoch 1, not 2.
  assert.equal(await script({ patience: 2, baseline: 0.5 }, [0.9, 0.95, 0.96]), 1);
  assert.equal(await script({ patience: 2 }, [0.9, 0.95, 0.96]), 2);
});

test("EarlyStopping restoreBestWeights loads the best epoch's weights at the end, without leaks", async () => {
  await ready();
  const model = tinyModel(sgd(0.1));
  const before = tf.memory().numTensors;
  const cb = new optim.EarlyStopping({ patience: 5, restoreBestWeights: true });
  cb.setModel(model);
  await cb.onTrainBegin();
  const losses = [3, 1, 2, 4];
  for (let epoch = 0; epoch < losses.length; epoch++) {
    tf.tidy(() => model.setWeights([tf.fill([2, 1], epoch), tf.fill([1], epoch)]));
    await cb.onEpochEnd(epoch, { val_loss: losses[epoch] });
  }
  await cb.onTrainEnd();
  assert.equal(cb.bestEpoch, 1);
  assert.deepEqual(Array.from(model.getWeights()[0].dataSync()), [1, 1]);
  assert.equal(tf.memory().numTensors, before);
  model.dispose();
});

test("EarlyStopping stops model.fit and names a missing monitor", async () => {
  await ready();
  const { x, y } = tinyData();
  const model = tinyModel(sgd(0)); // lr 0: the loss never improves after epoch 0
  const h = await model.fit(x, y, { epochs: 10, verbose: 0, callbacks: [new optim.EarlyStopping({ monitor: "loss", patience: 2 })] });
  assert.equal((h.history.loss as number[]).length, 3);
  await assert.rejects(
    model.fit(x, y, { epochs: 2, verbose: 0, callbacks: [new optim.EarlyStopping()] }),
    /EarlyStopping: monitor "val_loss" is not in the epoch logs \(have: loss\)/,
  );
  assert.throws(() => new optim.EarlyStopping({ patience: -1 }), /EarlyStopping: expected patience a non-negative integer, got -1/);
  assert.throws(() => new optim.EarlyStopping({ min_delta: 0.1 } as never), /EarlyStopping: unknown option "min_delta"/);
  model.dispose();
  tf.dispose([x, y]);
});

test("EarlyStopping verbose prints Keras's messages, silent by default", async () => {
  await ready();
  const said: string[] = [];
  const log = console.log;
  console.log = (...a: unknown[]) => void said.push(a.join(" "));
  try {
    const model = tinyModel(sgd(0.1));
    for (const verbose of [0, 1]) {
      const cb = new optim.EarlyStopping({ patience: 1, restoreBestWeights: true, verbose });
      cb.setModel(model);
      await cb.onTrainBegin();
      for (const [epoch, v] of [1, 2, 3].entries()) if (!model.stopTraining) await cb.onEpochEnd(epoch, { val_loss: v });
      await cb.onTrainEnd();
      model.stopTraining = false;
    }
    model.dispose();
  } finally {
    console.log = log;
  }
  assert.deepEqual(said, ["Epoch 2: early stopping", "Restoring model weights from the end of the best epoch: 1."]);
});
