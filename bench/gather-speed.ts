/**
 * Speed of lib/engine/wasm-gather.ts against tfjs-backend-wasm's own GatherV2, in one run:
 * `node --import tsx bench/gather-speed.ts`. Prints median milliseconds per gather and per
 * model.fit epoch (notebook 14's SST-2 bag-of-words MLP) with and without the kernel.
 */
import { ready, tf, data, text } from "dlcourse";
import { wasmGather } from "../lib/engine";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function timeGather(rows: number, cols: number, take: number, repeats = 20): number {
  const x = tf.randomUniform([rows, cols], 0, 1, "float32", 1);
  // Distinct rows in scattered order, like a shuffled batch (7919 is prime: coprime with the row counts).
  const idx = tf.tensor1d(Array.from({ length: take }, (_, i) => (i * 7919) % rows), "int32");
  const times: number[] = [];
  for (let r = 0; r < repeats + 3; r++) {
    const t0 = performance.now();
    const y = tf.gather(x, idx);
    y.dataSync();
    if (r >= 3) times.push(performance.now() - t0);
    y.dispose();
  }
  tf.dispose([x, idx]);
  return median(times);
}

async function timeEpoch(): Promise<{ ms: number; loss: number }> {
  const { train } = data.headTailSplit(await data.loadSst2());
  const dev = data.headTailSplit(await data.loadSst2({ split: "dev" }), { trainSize: 0 }).test;
  const vocab = text.Vocabulary.fromTexts(train.texts.map((t) => t.toLowerCase()), { minCount: 6 });
  const bow = new text.BagOfWords({ vocabulary: vocab });
  const [x, xDev] = [bow.dense(train.texts), bow.dense(dev.texts)];
  const column = (l: number[]) => tf.tensor2d(l, [l.length, 1]);
  const [y, yDev] = [column(train.labels), column(dev.labels)];
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [vocab.size], units: 16, activation: "relu", kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }),
      tf.layers.dense({ units: 1, activation: "sigmoid", kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(1e-3), loss: "binaryCrossentropy" });
  const t0 = performance.now();
  const h = await model.fit(x, y, { epochs: 1, batchSize: 64, shuffle: false, validationData: [xDev, yDev], verbose: 0 });
  const ms = performance.now() - t0;
  tf.dispose([x, xDev, y, yDev]);
  model.dispose();
  return { ms, loss: h.history.loss[0] as number };
}

async function main(): Promise<void> {
  await ready({ backend: "wasm" });
  for (const [rows, cols, take] of [[10000, 784, 64], [5000, 1839, 256]]) {
    wasmGather.uninstall();
    const base = timeGather(rows, cols, take);
    wasmGather.install();
    const fast = timeGather(rows, cols, take);
    console.log(`gather ${take} of [${rows}, ${cols}]: tfjs ${base.toFixed(2)} ms, wasm-gather ${fast.toFixed(2)} ms (${(base / fast).toFixed(1)}x)`);
  }
  for (const installed of [false, true, false, true]) {
    if (installed) wasmGather.install();
    else wasmGather.uninstall();
    const { ms, loss } = await timeEpoch();
    console.log(`model.fit epoch (${installed ? "wasm-gather" : "tfjs"}): ${(ms / 1000).toFixed(2)} s, loss ${loss}`);
  }
}

void main();
