/**
 * Child process of tests/engine/wasm-threads.test.ts: starts the default backend (thread count
 * from DLCOURSE_THREADS), computes matmuls (plain, transposed, and one with a mostly-zero left
 * operand, whose zero terms lib/engine/gemm skips), a convolution with its filter gradient, a
 * max-pooling gradient, and a few training steps, and prints one JSON line: the threads and every result.
 */
import { ready, tf, optim, backendThreads } from "dlcourse";
import { gemmAvailable, type GemmBackend } from "../../../lib/engine/gemm/kernel";

const values = (t: tf.Tensor): number[] => Array.from(t.dataSync());

/** Five Adam steps of a 64-32-10 MLP on fixed data: the loss of each step and the final weights. */
function training(): { losses: number[]; weights: number[] } {
  const x = tf.randomNormal([128, 64], 0, 1, "float32", 5);
  const y = tf.oneHot(tf.randomUniform([128], 0, 10, "int32", 6) as tf.Tensor1D, 10).toFloat();
  const w1 = tf.variable(tf.randomNormal([64, 32], 0, 0.2, "float32", 7));
  const w2 = tf.variable(tf.randomNormal([32, 10], 0, 0.2, "float32", 8));
  const opt = new optim.Adam({ lr: 0.01 });
  const losses: number[] = [];
  for (let i = 0; i < 5; i++) {
    const loss = opt.minimize(() => tf.losses.softmaxCrossEntropy(y, tf.matMul(tf.relu(tf.matMul(x, w1)), w2)) as tf.Scalar, true)!;
    losses.push(loss.dataSync()[0]);
  }
  return { losses, weights: [...values(w1), ...values(w2)] };
}

async function main(): Promise<void> {
  await ready();
  const a = tf.randomNormal([256, 128], 0, 1, "float32", 1);
  const b = tf.randomNormal([128, 96], 0, 1, "float32", 2);
  const x = tf.randomNormal([4, 12, 12, 8], 0, 1, "float32", 3) as tf.Tensor4D;
  const w = tf.randomNormal([3, 3, 8, 16], 0, 1, "float32", 4) as tf.Tensor4D;
  const filterGrad = tf.grad((ww: tf.Tensor) => tf.conv2d(x, ww as tf.Tensor4D, 1, "same").square().sum())(w);
  const sparse = tf.relu(tf.randomNormal([64, 784], -1.5, 1, "float32", 9)); // 93% zeros
  const weights = tf.randomNormal([784, 64], 0, 1, "float32", 10);
  const poolGrad = tf.grad((xx: tf.Tensor) => tf.maxPool(xx as tf.Tensor4D, 2, 2, "valid").square().sum())(x);
  const out = {
    ...backendThreads(),
    // process handlers left behind by the wasm start (the emscripten glue adds two that rethrow)
    // the lib's own matrix product (lib/engine/gemm) instantiates on the threaded build's shared memory too
    gemm: gemmAvailable(tf.backend() as unknown as GemmBackend),
    handlers: process.listeners("uncaughtException").length + process.listeners("unhandledRejection").length,
    matmul: values(tf.matMul(a, b)),
    matmulT: values(tf.matMul(a, a, true, false)),
    conv: values(tf.conv2d(x, w, 1, "same")),
    filterGrad: values(filterGrad),
    sparseMatmul: values(tf.matMul(sparse, weights)),
    poolGrad: values(poolGrad),
    ...training(),
  };
  process.stdout.write(JSON.stringify(out) + "\n");
}

main().catch((e) => {
  process.stderr.write(`threads-child: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
