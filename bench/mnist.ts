/**
 * Workload 3: one epoch over 10k MNIST digits (lib data.loadMnist, all of them as training rows)
 * of 784 -> 256 -> BatchNorm -> ReLU -> Dropout -> 128 -> BatchNorm -> ReLU -> Dropout -> 10,
 * Adam lr 1e-3, batch 64, shuffled, with the lib's nn.BatchNorm and nn.Dropout layers, trained by
 * model.fit as a notebook would (it reads the loss of every batch).
 */
import { tf, optim, nn, losses } from "dlcourse";

export const MNIST_BATCH = 64;
export const MNIST_DROPOUT = 0.2;

function buildModel(): tf.Sequential {
  const hidden = (units: number, first: boolean) => [
    tf.layers.dense(first ? { units, inputShape: [784] } : { units }),
    new nn.BatchNorm(),
    tf.layers.reLU(),
    new nn.Dropout({ p: MNIST_DROPOUT, seed: 0 }),
  ];
  return tf.sequential({ layers: [...hidden(256, true), ...hidden(128, false), tf.layers.dense({ units: 10 })] });
}

/** One epoch of model.fit; returns its wall time and the last batch loss. */
export async function mnistEpoch(x: tf.Tensor2D, yHot: tf.Tensor2D): Promise<{ seconds: number; loss: number }> {
  const model = buildModel();
  const opt = new optim.Adam({ lr: 1e-3 });
  model.compile({ optimizer: opt, loss: (t: tf.Tensor, p: tf.Tensor) => losses.crossEntropy(t, p) });
  const t0 = performance.now();
  const h = await model.fit(x, yHot, { epochs: 1, batchSize: MNIST_BATCH, shuffle: true, verbose: 0 });
  const seconds = (performance.now() - t0) / 1000;
  model.dispose();
  opt.dispose();
  return { seconds, loss: (h.history.loss as number[]).slice(-1)[0] };
}
