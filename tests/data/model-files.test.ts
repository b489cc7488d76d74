import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { data, tf, ready } from "dlcourse";

function smallModel(): tf.Sequential {
  const m = tf.sequential();
  m.add(tf.layers.dense({ units: 3, inputShape: [4], activation: "relu", kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }));
  m.add(tf.layers.dense({ units: 1, kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }));
  m.compile({ optimizer: tf.train.adam(0.01), loss: "meanSquaredError" });
  return m;
}

test("model.save('file://dir') writes model.json + weights.bin, and loading gives the same predictions", async () => {
  await ready();
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "dlc-model-")), "m");
  const model = smallModel();
  const x = tf.tensor2d([[1, 2, 3, 4], [-1, 0, 0.5, 2]]);
  await model.save(`file://${dir}`);
  assert.deepEqual(fs.readdirSync(dir).sort(), ["model.json", "weights.bin"]);
  const json = JSON.parse(fs.readFileSync(path.join(dir, "model.json"), "utf8"));
  assert.deepEqual(json.weightsManifest[0].paths, ["weights.bin"]);
  assert.equal(json.weightsManifest[0].weights.length, 4); // two kernels, two biases
  assert.equal(fs.statSync(path.join(dir, "weights.bin")).size, (4 * 3 + 3 + 3 * 1 + 1) * 4);
  for (const url of [`file://${dir}/model.json`, pathToFileURL(dir).href]) {
    const loaded = await tf.loadLayersModel(url);
    const [a, b] = [model.predict(x) as tf.Tensor, loaded.predict(x) as tf.Tensor];
    assert.deepEqual(await b.array(), await a.array());
    tf.dispose([a, b]);
    loaded.dispose();
  }
  tf.dispose([x]);
  model.dispose();
});

test("registering twice is harmless (one handler per file:// URL)", () => {
  assert.equal(data.registerFileModelIO(), false);
  assert.equal(tf.io.getSaveHandlers("file:///tmp/x").length, 1);
  assert.equal(tf.io.getLoadHandlers("file:///tmp/x/model.json").length, 1);
});

test("loading a missing model names the path", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dlc-model-"));
  await assert.rejects(tf.loadLayersModel(`file://${dir}/model.json`), /fileModelIO: no model at .*model\.json/);
  fs.writeFileSync(path.join(dir, "model.json"), JSON.stringify({ modelTopology: {}, weightsManifest: [{ paths: ["w.bin"], weights: [] }] }));
  await assert.rejects(data.fileModelIO(`file://${dir}/model.json`).load!(), /lists weights .*w\.bin, which is missing/);
});
