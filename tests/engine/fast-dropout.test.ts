// lib/engine/fast-dropout.ts: tf.dropout's mask from lib/core/alea.ts gives tfjs's own op's bits
// (seeded and unseeded, rates near 0 and 1, short arrays and long ones), tf.layers.dropout with
// it trains to the same weights, and what it does not handle still goes to tfjs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ready, tf } from "dlcourse";
import { fastDropoutOp } from "../../lib/engine";

const values = (t: tf.Tensor) => Array.from(t.dataSync());

/** Runs `f` with tfjs's own tf.dropout, then with the replacement; returns both results' values. */
function both(f: () => tf.Tensor): [number[], number[]] {
  fastDropoutOp.uninstall();
  let theirs: number[];
  try {
    theirs = tf.tidy(() => values(f()));
  } finally {
    fastDropoutOp.install();
  }
  return [theirs, tf.tidy(() => values(f()))];
}

test("tf.dropout gives tfjs's bits: seeds, rates, sizes below and above the four-chain threshold", async () => {
  await ready({ backend: "wasm" });
  assert.ok(fastDropoutOp.installed());
  const before = tf.memory().numTensors;
  for (const shape of [[3, 5], [64, 256], [7, 1000]]) {
    const x = tf.tidy(() => tf.add(tf.randomNormal(shape, 0, 1, "float32", 4), 0.5));
    for (const rate of [1e-7, 0.1, 0.25, 0.5, 0.9, 0.9999999]) {
      for (const seed of [0, 1, 12345, "seven"]) {
        const [theirs, ours] = both(() => tf.dropout(x, rate, undefined, seed));
        assert.deepEqual(ours, theirs, `shape [${shape}], rate ${rate}, seed ${seed}`);
      }
    }
    x.dispose();
  }
  assert.equal(tf.memory().numTensors, before, "tensors leaked");
});

test("unseeded, both draw their seed from one Math.random call: the same bits under the same Math.random", async () => {
  await ready({ backend: "wasm" });
  const random = Math.random;
  try {
    const x = tf.ones([40, 300]);
    const [theirs, ours] = both(() => {
      Math.random = () => 0.3141592;
      return tf.dropout(x, 0.3);
    });
    assert.deepEqual(ours, theirs);
    x.dispose();
  } finally {
    Math.random = random;
  }
});

test("tf.layers.dropout in model.fit trains to the same weights with either dropout", async () => {
  await ready({ backend: "wasm" });
  const fit = async () => {
    const m = tf.sequential({ layers: [
      tf.layers.dense({ units: 8, inputShape: [6], kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }),
      tf.layers.dropout({ rate: 0.4, seed: 3 }),
      tf.layers.dense({ units: 1, kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
    ] });
    m.compile({ optimizer: tf.train.sgd(0.05), loss: "meanSquaredError" });
    const x = tf.tensor2d(Array.from({ length: 60 }, (_, i) => Math.sin(i)), [10, 6]);
    const y = tf.tensor2d(Array.from({ length: 10 }, (_, i) => i / 10), [10, 1]);
    await m.fit(x, y, { epochs: 4, batchSize: 4, shuffle: false, verbose: 0 });
    const w = m.getWeights().map(values);
    tf.dispose([x, y]);
    m.dispose();
    return w;
  };
  fastDropoutOp.uninstall();
  const theirs = await fit().finally(() => fastDropoutOp.install());
  assert.deepEqual(await fit(), theirs);
});

test("a noise shape, a rate of 0, an int tensor or a plain array go to tfjs's own op (and its errors)", async () => {
  await ready({ backend: "wasm" });
  const x = tf.ones([4, 6]);
  for (const f of [() => tf.dropout(x, 0.5, [4, 1], 1), () => tf.dropout(x, 0, undefined, 1), () => tf.dropout([1, 2, 3, 4], 0.5, undefined, 1)]) {
    const [theirs, ours] = both(f);
    assert.deepEqual(ours, theirs);
  }
  assert.throws(() => tf.dropout(x, 1), /rate must be a float in the range \[0, 1\)/);
  assert.throws(() => tf.dropout(tf.ones([2], "int32"), 0.5), /x has to be a floating point tensor/);
  x.dispose();
});
