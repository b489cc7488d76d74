/**
 * Workload 2: the lecture's SST-2 bag-of-words MLP. Dropout(p) on the 1839 inputs -> dense 16 ->
 * ReLU -> dense 2, cross-entropy, Adam lr 3e-4, random batches of 256 drawn with replacement,
 * the batch loss read every iteration; then the full test-set loss (eval mode).
 *
 * The lecture adds two modules named 'dropout' to one nn.Sequential; PyTorch keeps the second
 * (p = 0.5) in the first one's place, so its net has a single dropout, on the input, p = 0.5.
 *
 * Variants: `minimize` (optimizer.minimize over model.apply(x, {training: true}), lib
 * losses.crossEntropy on one-hot targets) and `trainOnBatch` (tfjs-layers' compiled path, as
 * model.fit runs it per batch), `sparseBatch` (minimize, with the batch and its input dropout
 * built in JS from the sparse matrix: sst2-batch.ts; the model then has no dropout layer),
 * `sparseCompiled` (sparseBatch with the step in `optim.compileStep`: recorded once, then replayed;
 * `minimize` itself cannot be replayed, its dropout layer draws a new mask inside the step).
 */
import { tf, optim, losses, nn, data, text } from "dlcourse";
import { droppedRows } from "./sst2-batch";

export type Sst2Variant = "minimize" | "trainOnBatch" | "sparseBatch" | "sparseCompiled";
export const SST2_DROPOUT = 0.5;

/** The 1839 -> 16 -> 2 net, with input dropout unless the batch builder applies it. */
function buildModel(v: number, dropout: boolean): tf.Sequential {
  const dense = [tf.layers.dense({ units: 16, activation: "relu", inputShape: [v] }), tf.layers.dense({ units: 2 })];
  return tf.sequential({ layers: dropout ? [new nn.Dropout({ p: SST2_DROPOUT, inputShape: [v], seed: 0 }), ...dense] : dense });
}

const ce = (yHot: tf.Tensor, logits: tf.Tensor) => losses.crossEntropy(yHot, logits) as tf.Scalar;

/**
 * Trains `steps` iterations, then evaluates the full test set `evals` times in one batch and
 * once by model.predict's default batches of 32.
 * @param xTrain - [N, V] dense BoW on the backend; yTrain [N] int32
 */
export async function trainSst2(
  xTrain: tf.Tensor2D, yTrain: tf.Tensor1D, xTest: tf.Tensor2D, yTest: tf.Tensor1D, variant: Sst2Variant, steps: number, evals = 3, sparse?: text.SparseMatrix,
): Promise<{ seconds: number; evalSeconds: number; evalOneBatch: number; loss: number; testLoss: number }> {
  const sparseRows = variant === "sparseBatch" || variant === "sparseCompiled";
  const model = buildModel(xTrain.shape[1], !sparseRows);
  if (sparseRows && sparse == null) throw new Error(`trainSst2: ${variant} needs the sparse matrix`);
  const labels = sparseRows ? yTrain.dataSync() : null;
  const opt = new optim.Adam({ lr: 3e-4 });
  if (variant === "trainOnBatch") model.compile({ optimizer: opt, loss: ce });
  const compiled = variant === "sparseCompiled" ? optim.compileStep((xb: tf.Tensor, yb: tf.Tensor) => ce(yb, model.apply(xb, { training: true }) as tf.Tensor), opt) : null;
  const rng = data.seededRng(0);
  let loss = NaN;
  const t0 = performance.now();
  for (let s = 0; s < steps; s++) {
    const [xb, yb] = tf.tidy(() => {
      const rows = data.randomBatch(xTrain.shape[0], 256, rng);
      if (sparseRows) {
        const y = new Float32Array(rows.length * 2);
        rows.forEach((r, i) => (y[2 * i + labels![r]] = 1));
        return [droppedRows(sparse!, rows, SST2_DROPOUT, rng), tf.tensor2d(y, [rows.length, 2])];
      }
      const ix = tf.tensor1d(rows, "int32");
      return [tf.gather(xTrain, ix), tf.oneHot(tf.gather(yTrain, ix), 2).toFloat()];
    });
    if (variant === "trainOnBatch") {
      loss = (await model.trainOnBatch(xb, yb)) as number;
    } else if (compiled != null) {
      const l = compiled(xb, yb).loss;
      loss = l.dataSync()[0];
      l.dispose();
    } else {
      const l = opt.minimize(() => ce(yb, model.apply(xb, { training: true }) as tf.Tensor), true) as tf.Scalar;
      loss = l.dataSync()[0];
      l.dispose();
    }
    tf.dispose([xb, yb]);
  }
  const seconds = (performance.now() - t0) / 1000;
  compiled?.dispose();
  const yTestHot = tf.tidy(() => tf.oneHot(yTest, 2).toFloat());
  let testLoss = NaN;
  // model.predict cuts its input into batches of 32 by default (60 slices of the test matrix);
  // one batch of all N rows is the same arithmetic without the slicing.
  const evaluate = (batchSize: number | undefined, times: number) => {
    const t1 = performance.now();
    for (let e = 0; e < times; e++) {
      const l = tf.tidy(() => ce(yTestHot, model.predict(xTest, { batchSize }) as tf.Tensor));
      testLoss = l.dataSync()[0];
      l.dispose();
    }
    return (performance.now() - t1) / 1000 / times;
  };
  const evalOneBatch = evaluate(xTest.shape[0], evals);
  const evalSeconds = evaluate(undefined, 1); // seconds each under load; once is enough to show it
  tf.dispose([yTestHot]);
  model.dispose();
  opt.dispose();
  return { seconds, evalSeconds, evalOneBatch, loss, testLoss };
}
