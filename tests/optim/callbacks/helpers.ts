// A tiny regression model and data for the callback tests: D = 2 inputs, one output, N = 6.
import { optim, tf } from "dlcourse";

export function tinyModel(optimizer: tf.Optimizer): tf.Sequential {
  const m = tf.sequential();
  m.add(tf.layers.dense({ units: 1, inputShape: [2], kernelInitializer: "zeros" }));
  m.compile({ optimizer, loss: "meanSquaredError" });
  return m;
}

export function tinyData(): { x: tf.Tensor2D; y: tf.Tensor2D } {
  const x = tf.tensor2d([[1, 0], [0, 1], [1, 1], [2, 1], [1, 2], [0, 0]]);
  const y = tf.tensor2d([[1], [2], [3], [4], [5], [0]]);
  return { x, y };
}

export const sgd = (lr: number) => new optim.SGD({ lr });
