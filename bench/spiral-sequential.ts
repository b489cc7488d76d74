/**
 * The spiral step as a notebook writes it with the lib's own from-scratch net (lib/nn: denseLayer,
 * activationLayer, Sequential.lossAndGrads with its hand-written backward, Sequential.sgdStep),
 * like notebook 08's `train`: the norm penalty's gradient lambda W / ||W|| added to each dW, and
 * one read of [||W1||, ||W2||, ||W3||, sum|dW1|, sum|dW2|, sum|dW3|] per step besides the loss
 * that lossAndGrads returns. Same mathematics as spiral.ts (the bench checks the loss).
 */
import { tf, nn } from "dlcourse";
import type { SpiralActivation, SpiralTrainer } from "./spiral";

export function sequentialSpiralTrainer(x: number[][], y: number[], init: [number[][], number[]][], act: SpiralActivation): SpiralTrainer {
  const activation = act === "relu" ? nn.relu : nn.sigmoid;
  const layers: nn.NetLayer[] = [];
  init.forEach(([w, b], i) => {
    layers.push(nn.denseLayer(tf.tensor2d(w), tf.tensor1d(b)));
    if (i < init.length - 1) layers.push(nn.activationLayer(activation));
  });
  const net = new nn.Sequential(layers);
  const X = tf.tensor2d(x);
  const yIdx = tf.tensor1d(y, "int32");
  const weights = Object.keys(net.params()).filter((k) => k.endsWith(".w"));
  const lam = 0.01;
  return {
    step(): number {
      const { loss: ce, grads } = net.lossAndGrads(X, yIdx);
      const params = net.params();
      const read = tf.tidy(() => {
        // sqrt(sum(W^2)): 3 kernels; tf.norm is 8 (2 Reshape, Abs, Pow with 2 Casts, Sum, Sqrt).
        const norms = weights.map((k) => tf.sqrt(tf.sum(tf.square(params[k]))));
        weights.forEach((k, l) => {
          const g = grads[k];
          grads[k] = tf.keep(tf.add(g, tf.mul(params[k], tf.div(lam, norms[l])))); // d(lam ||W||)/dW
          g.dispose();
        });
        return tf.stack([...norms, ...weights.map((k) => tf.sum(tf.abs(grads[k])))]);
      });
      const r = read.dataSync();
      read.dispose();
      net.sgdStep(grads, 0.1);
      return ce + lam * (r[0] + r[1] + r[2]);
    },
    dispose(): void {
      tf.dispose([X, yIdx, ...Object.values(net.params())]);
    },
  };
}
