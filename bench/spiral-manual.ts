/**
 * The spiral step with a hand-written backward pass (the course's from-scratch style): no
 * autodiff tape, the softmax-cross-entropy gradient in closed form (p - Y) / N, matmul + bias
 * + ReLU fused forward, and one read of [loss, g1, g2, g3] per step. Same mathematics as
 * spiral.ts (the bench checks that the loss matches PyTorch's); about a quarter of the kernels.
 */
import { tf } from "dlcourse";
import type { SpiralActivation, SpiralTrainer } from "./spiral";

type Layer = { w: tf.Variable<tf.Rank.R2>; b: tf.Variable<tf.Rank.R1> };

/** Sets up a hand-derived trainer: W is [in, out], as in spiral.ts. */
export function manualSpiralTrainer(x: number[][], y: number[], init: [number[][], number[]][], act: SpiralActivation): SpiralTrainer {
  const layers: Layer[] = tf.tidy(() => init.map(([w, b]) => ({ w: tf.variable(tf.tensor2d(w)), b: tf.variable(tf.tensor1d(b)) }) as Layer));
  const X = tf.tensor2d(x);
  const Y = tf.tidy(() => tf.oneHot(tf.tensor1d(y, "int32"), 3).toFloat());
  const n = x.length;
  const lr = 0.1;
  const lam = 0.01;
  const activate = (z: tf.Tensor2D, l: Layer): tf.Tensor2D =>
    (act === "relu" ? tf.fused.matMul({ a: z, b: l.w, bias: l.b, activation: "relu" }) : tf.sigmoid(tf.fused.matMul({ a: z, b: l.w, bias: l.b }))) as tf.Tensor2D;
  /** dL/dz from dL/dh through the activation, using its output h. */
  const actGrad = (dh: tf.Tensor2D, h: tf.Tensor2D): tf.Tensor2D =>
    (act === "relu" ? tf.mul(dh, tf.step(h)) : tf.mul(dh, tf.mul(h, tf.sub(1, h)))) as tf.Tensor2D;
  return {
    step(): number {
      const out = tf.tidy(() => {
        const h1 = activate(X, layers[0]);
        const h2 = activate(h1, layers[1]);
        const logits = tf.fused.matMul({ a: h2, b: layers[2].w, bias: layers[2].b });
        const p = tf.softmax(logits);
        const ce = tf.div(tf.sum(tf.mul(Y, tf.log(p))), -n);
        const norms = layers.map((l) => tf.sqrt(tf.sum(tf.square(l.w))));
        const loss = tf.add(ce, tf.mul(tf.addN(norms), lam));
        // Backward: dz3 = (p - Y) / N; then through each dense layer and activation.
        const dz3 = tf.div(tf.sub(p, Y), n) as tf.Tensor2D;
        const dh2 = tf.matMul(dz3, layers[2].w as tf.Tensor2D, false, true);
        const dz2 = actGrad(dh2 as tf.Tensor2D, h2);
        const dh1 = tf.matMul(dz2, layers[1].w as tf.Tensor2D, false, true);
        const dz1 = actGrad(dh1 as tf.Tensor2D, h1);
        const inputs = [X, h1, h2];
        const dzs = [dz1, dz2, dz3];
        const dWs = layers.map((l, i) => tf.add(tf.matMul(inputs[i], dzs[i], true, false), tf.mul(l.w, tf.div(lam, norms[i]))));
        layers.forEach((l, i) => {
          l.w.assign(tf.sub(l.w, tf.mul(dWs[i], lr)));
          l.b.assign(tf.sub(l.b, tf.mul(tf.sum(dzs[i], 0), lr)));
        });
        return tf.stack([loss, ...dWs.map((g) => tf.sum(tf.abs(g)))]);
      });
      const r = out.dataSync();
      out.dispose();
      return r[0];
    },
    dispose(): void {
      tf.dispose([X, Y, ...layers.flatMap((l) => [l.w, l.b])]);
    },
  };
}
