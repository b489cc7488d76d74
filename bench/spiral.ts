/**
 * Workload 1: the lecture's spiral experiment. 2 -> 50 -> 50 -> 3, 300 points, full-batch SGD
 * (lr 0.1), loss = cross-entropy + 0.01 * (|W1| + |W2| + |W3|), and every step the loss and the
 * per-layer gradient magnitudes sum|dW| / units are read back, as the lecture's train_model does.
 *
 * Variants (each measured, none assumed):
 * - `lecture`: written as a notebook would (lib optim.SGD, losses.crossEntropy on class indices,
 *   four separate synchronous reads per step);
 * - `batched`: one-hot targets (no label validation read) and ONE read of [loss, g1, g2, g3];
 * - `fused`:   batched + tf.fused.matMul (matmul + bias + ReLU in one kernel; sigmoid has no
 *   fused gradient in tfjs, so only the bias is fused there) + tf.losses.softmaxCrossEntropy;
 * - `manual`:  no autodiff: the backward pass written out (spiral-manual.ts);
 * - `sequential`: the lib's own from-scratch net, nn.Sequential with its hand-written backward,
 *   as notebooks 07-11 train it (spiral-sequential.ts);
 * - `compiled`: the lecture loop with its loss, gradients and update in `optim.compileStep`
 *   (kernels recorded once, then replayed without the engine's bookkeeping), same four reads.
 */
import { tf, optim, losses, data } from "dlcourse";
import { manualSpiralTrainer } from "./spiral-manual";
import { sequentialSpiralTrainer } from "./spiral-sequential";

export type SpiralVariant = "lecture" | "batched" | "fused" | "manual" | "sequential" | "compiled";
export type SpiralActivation = "relu" | "sigmoid";

/** Initial weights as PyTorch's nn.Linear draws them, U(-1/sqrt(fanIn), 1/sqrt(fanIn)); W is [in, out]. */
export function spiralInit(seed: number): [number[][], number[]][] {
  const rng = data.seededRng(seed);
  const u = (fanIn: number) => (2 * rng() - 1) / Math.sqrt(fanIn);
  return [[2, 50], [50, 50], [50, 3]].map(([i, o]) => [
    Array.from({ length: i }, () => Array.from({ length: o }, () => u(i))),
    Array.from({ length: o }, () => u(i)),
  ]);
}

let run = 0;

/** Computes a tensor, reads it synchronously, disposes it. */
function read(f: () => tf.Tensor): Float32Array | Int32Array | Uint8Array {
  const t = tf.tidy(f);
  const v = t.dataSync();
  t.dispose();
  return v;
}

/** One spiral training run: `step()` does one full-batch step with its readouts and returns the loss. */
export interface SpiralTrainer {
  step(): number;
  dispose(): void;
}

/**
 * Sets up the network, data and optimizer for one run.
 * @param init - weights from {@link spiralInit}, shared with the PyTorch peer
 */
export function spiralTrainer(x: number[][], y: number[], init: [number[][], number[]][], act: SpiralActivation, variant: SpiralVariant): SpiralTrainer {
  if (variant === "manual") return manualSpiralTrainer(x, y, init, act);
  if (variant === "sequential") return sequentialSpiralTrainer(x, y, init, act);
  run += 1;
  const vars = tf.tidy(() => init.map(([w, b], i) => [tf.variable(tf.tensor2d(w), true, `spiral${run}_W${i}`), tf.variable(tf.tensor1d(b), true, `spiral${run}_b${i}`)]));
  const X = tf.tensor2d(x);
  const yIdx = tf.tensor1d(y, "int32");
  const yHot = tf.tidy(() => tf.oneHot(yIdx, 3).toFloat());
  const opt = new optim.SGD({ lr: 0.1 });
  const units = vars.map(([w]) => w.shape[1] as number);
  const forward = (): tf.Scalar => {
    let h: tf.Tensor = X;
    vars.forEach(([w, b], i) => {
      const last = i === vars.length - 1;
      if (variant === "fused") {
        const activation = last ? "linear" : act === "relu" ? "relu" : "linear";
        h = tf.fused.matMul({ a: h as tf.Tensor2D, b: w as tf.Tensor2D, bias: b, activation });
        if (!last && act === "sigmoid") h = tf.sigmoid(h);
      } else {
        h = tf.add(tf.matMul(h as tf.Tensor2D, w as tf.Tensor2D), b);
        if (!last) h = act === "relu" ? tf.relu(h) : tf.sigmoid(h);
      }
    });
    const ce = variant === "fused" ? tf.losses.softmaxCrossEntropy(yHot, h) : losses.crossEntropy(variant === "lecture" || variant === "compiled" ? yIdx : yHot, h);
    const reg = tf.mul(tf.addN(vars.map(([w]) => tf.norm(w))), 0.01);
    return tf.add(ce, reg) as tf.Scalar;
  };
  const varList = vars.flat();
  const log: number[][] = [[], [], [], []];
  const compiled = variant === "compiled" ? optim.compileStep(forward, opt, { varList, keepGrads: true }) : null;
  const gradStep = () => {
    if (compiled != null) {
      const r = compiled();
      return { value: r.loss, grads: r.grads! };
    }
    const r = tf.variableGrads(forward, varList);
    opt.applyGradients(r.grads);
    return r;
  };
  return {
    step(): number {
      const { value, grads } = gradStep();
      const gw = vars.map(([w]) => grads[w.name]);
      let loss: number;
      if (variant === "lecture" || variant === "compiled") {
        loss = value.dataSync()[0];
        log[0].push(loss);
        gw.forEach((g, i) => log[i + 1].push(read(() => tf.sum(tf.abs(g)))[0] / units[i]));
      } else {
        const r = read(() => tf.stack([value, ...gw.map((g) => tf.sum(tf.abs(g)))]));
        loss = r[0];
        for (let i = 0; i < 4; i++) log[i].push(i === 0 ? r[0] : r[i] / units[i - 1]);
      }
      tf.dispose([value, ...Object.values(grads)]);
      return loss;
    },
    dispose(): void {
      compiled?.dispose();
      tf.dispose([...varList, X, yIdx, yHot]);
      opt.dispose();
    },
  };
}

/** Trains `steps` full-batch steps and returns the wall time and the last loss. */
export function trainSpiral(
  x: number[][], y: number[], init: [number[][], number[]][], act: SpiralActivation, variant: SpiralVariant, steps: number,
): { seconds: number; loss: number } {
  const trainer = spiralTrainer(x, y, init, act, variant);
  let loss = NaN;
  const t0 = performance.now();
  for (let s = 0; s < steps; s++) loss = trainer.step();
  const seconds = (performance.now() - t0) / 1000;
  trainer.dispose();
  return { seconds, loss };
}
