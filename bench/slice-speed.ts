/**
 * Speed of lib/engine/wasm-slice.ts against tfjs-backend-wasm's own Slice, in one run:
 * `node --import tsx bench/slice-speed.ts`. Prints median milliseconds per slice of 32 rows and
 * per model.predict of 1920 rows (default batchSize 32, so 60 slices) with and without the kernel.
 */
import { ready, tf } from "dlcourse";
import { wasmSlice } from "../lib/engine";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function time(f: () => tf.Tensor, repeats: number): number {
  const times: number[] = [];
  for (let r = 0; r < repeats + 3; r++) {
    const t0 = performance.now();
    const y = f();
    y.dataSync();
    if (r >= 3) times.push(performance.now() - t0);
    y.dispose();
  }
  return median(times);
}

async function main(): Promise<void> {
  await ready({ backend: "wasm" });
  const [N, V] = [1920, 1839];
  const x = tf.randomUniform([N, V], 0, 1, "float32", 1);
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [V], units: 16, activation: "relu", kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }),
      tf.layers.dense({ units: 1, activation: "sigmoid", kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
    ],
  });
  for (const installed of [false, true, false, true]) {
    if (installed) wasmSlice.install();
    else wasmSlice.uninstall();
    const name = installed ? "wasm-slice" : "tfjs";
    const slice = time(() => tf.slice(x, [640, 0], [32, -1]), 30);
    const predict = time(() => model.predict(x) as tf.Tensor, 10);
    const oneBatch = time(() => model.predict(x, { batchSize: N }) as tf.Tensor, 10);
    console.log(`${name}: slice 32 rows ${slice.toFixed(3)} ms, predict(1920) ${predict.toFixed(1)} ms, one batch ${oneBatch.toFixed(1)} ms`);
  }
  const profile = await tf.profile(() => model.predict(x) as tf.Tensor);
  const byKernel = new Map<string, number>();
  for (const k of profile.kernels) byKernel.set(k.name, (byKernel.get(k.name) ?? 0) + (k.kernelTimeMs as number));
  console.log("kernel ms in one predict (installed):", Object.fromEntries([...byKernel].map(([k, v]) => [k, +v.toFixed(1)])));
  tf.dispose([x]);
  model.dispose();
}

void main();
