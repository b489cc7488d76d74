/**
 * Workload 7: one epoch over the 5,000 training images of the CIFAR-10 stand-in (lib
 * data.loadCifar10, same binary format as CIFAR-10) of notebook 15's best net: three times
 * conv 3x3 (8, 16, 16 channels, no bias) -> nn.BatchNorm -> ReLU -> maxPool 2x2, then flatten ->
 * nn.Dropout 0.3 -> dense 10, SGD with Nesterov momentum, batch 64, per-channel normalized input,
 * batches from data.imageDataset (seeded shuffle), trained by model.fitDataset as the notebook does.
 */
import { tf, data, init, nn, optim } from "dlcourse";
import { median, peer, writeJson, type Row } from "./common";

export const CIFAR_BATCH = 64;
export const CIFAR_DROPOUT = 0.3;
export const CIFAR_FILTERS = [8, 16, 16];

function buildModel(): tf.Sequential {
  const model = tf.sequential();
  CIFAR_FILTERS.forEach((filters, i) => {
    const first = i === 0 ? { inputShape: [32, 32, 3] } : {};
    const kernelInitializer = init.asInitializer(init.kaimingNormal, { nonlinearity: "relu", seed: i });
    model.add(tf.layers.conv2d({ ...first, filters, kernelSize: 3, padding: "same", useBias: false, kernelInitializer }));
    model.add(new nn.BatchNorm());
    model.add(tf.layers.activation({ activation: "relu" }));
    model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  });
  model.add(tf.layers.flatten());
  model.add(new nn.Dropout({ p: CIFAR_DROPOUT, seed: 0 }));
  model.add(tf.layers.dense({ units: 10, activation: "softmax" }));
  return model;
}

/** One epoch of model.fitDataset over `set`; returns its wall time and the last batch loss. */
export async function cifarEpoch(set: data.ImageSet, stats: data.ChannelStats): Promise<{ seconds: number; loss: number }> {
  const model = buildModel();
  const opt = new optim.SGD({ lr: 0.05, momentum: 0.9, nesterov: true });
  model.compile({ optimizer: opt, loss: "categoricalCrossentropy" });
  const t0 = performance.now();
  const h = await model.fitDataset(data.imageDataset(set, { batchSize: CIFAR_BATCH, seed: 0, normalize: stats }), { epochs: 1, verbose: 0 });
  const seconds = (performance.now() - t0) / 1000;
  model.dispose();
  opt.dispose();
  return { seconds, loss: (h.history.loss as number[]).slice(-1)[0] };
}

/**
 * Workload 7 on the wasm backend (as notebooks run) against bench/peer.py's `cifar10` (the same
 * net in PyTorch, NCHW, the same images and thread count), PyTorch before and after.
 *
 * @param reps - epochs timed per side
 * @param threads - PyTorch's thread count (1: wasm computes on one thread in Node)
 * @param log - progress lines (stderr)
 * @returns one table row: seconds per epoch, TS and PyTorch medians
 */
export async function cifarRows(reps: number, threads: number, log: (line: string) => void): Promise<Row[]> {
  const cifar = await data.loadCifar10({ source: "stand-in" });
  const stats = data.channelStats(cifar.train);
  writeJson("cifar10.json", { archive: cifar.archive, mean: stats.mean, std: stats.std, batch: CIFAR_BATCH, p: CIFAR_DROPOUT, filters: CIFAR_FILTERS });
  const torchRuns = () => peer<{ seconds: number[] }>("cifar10", { reps: Math.ceil(reps / 2) }, threads).seconds;
  const before = torchRuns();
  await cifarEpoch(data.subsetImages(cifar.train, 256), stats); // warm-up: kernels compiled
  const secs: number[] = [];
  for (let r = 0; r < reps; r++) secs.push((await cifarEpoch(cifar.train, stats)).seconds);
  const torch = [...before, ...torchRuns()];
  log(`  cifar10: ${median(secs).toFixed(2)} s per epoch (PyTorch ${median(torch).toFixed(2)} s)`);
  const spread = (xs: number[]) => `${Math.min(...xs).toFixed(2)}..${Math.max(...xs).toFixed(2)}`;
  return [{ workload: "7 CIFAR-10 CNN epoch (5k stand-in, BN+dropout)", variant: "wasm/fitDataset", ts: median(secs), torch: median(torch), unit: "s", rate: false, note: `TS ${spread(secs)} s, PyTorch ${spread(torch)} s` }];
}
