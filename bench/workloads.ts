/**
 * The training workloads (1-4) run side by side: each TypeScript variant, then the PyTorch peer
 * on the same data with the same step counts, returning table rows.
 */
import { tf, ready, data, text, optim } from "dlcourse";
import { installEngine, uninstallEngine } from "dlcourse/engine";
import { median, peer, writeJson, writeRaw, type Row } from "./common";
import { trainSpiral, spiralInit, type SpiralVariant } from "./spiral";
import { trainSst2, SST2_DROPOUT, type Sst2Variant } from "./sst2";
import { mnistEpoch, MNIST_BATCH, MNIST_DROPOUT } from "./mnist";
import { buildBow } from "./bow";

export interface BenchOptions {
  reps: number;
  spiralSteps: number;
  sst2Steps: number;
  threads: number;
  log: (line: string) => void;
}

/**
 * A backend as the bench names it. `wasm` is what `ready()` gives notebooks: lib/engine/ installed
 * (wasm-matmul.ts, wasm-gather.ts, wasm-slice.ts and autodiff-clone.ts), the fused optimizer updates of
 * lib/engine/fused on. `wasm-tfjs` is tfjs's own kernels and engine (none of them), `wasm-composite` the default
 * with the composite optimizer ops (to isolate the fused updates), `cpu` tfjs's pure-JS backend,
 * `tensorflow` the native backend (tfjs-node, where it is installed; TensorFlow's own thread pool).
 */
export type BenchBackend = "wasm" | "wasm-tfjs" | "wasm-composite" | "cpu" | "tensorflow";

async function use(backend: BenchBackend): Promise<void> {
  await ready({ backend: backend === "cpu" || backend === "tensorflow" ? backend : "wasm" });
  const own = backend === "wasm-tfjs" || backend === "cpu" || backend === "tensorflow";
  if (own) uninstallEngine();
  else installEngine();
  optim.useFusedUpdates(backend !== "wasm-tfjs" && backend !== "wasm-composite");
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const spread = (xs: number[], digits = 1) => `${Math.min(...xs).toFixed(digits)}..${Math.max(...xs).toFixed(digits)}`;

/** Workload 1, every variant on its backend, then PyTorch. */
export async function spiralRows(o: BenchOptions, variants: [BenchBackend, SpiralVariant][]): Promise<Row[]> {
  const { x, y } = data.spiral({ seed: 0 });
  const init = spiralInit(1);
  writeJson("spiral.json", { x, y, init });
  const rows: Row[] = [];
  for (const act of ["relu", "sigmoid"] as const) {
    // PyTorch runs before and after the TS variants, so that load drifting during the run
    // weighs on both sides of the ratio alike.
    const torchRuns = () => peer<{ rates: number[]; loss: number }>(`spiral-${act}`, { steps: o.spiralSteps, reps: Math.ceil(o.reps / 2) }, o.threads);
    const before = torchRuns();
    const pending: { backend: BenchBackend; variant: SpiralVariant; rates: number[]; loss: number }[] = [];
    for (const [backend, variant] of variants) {
      await use(backend);
      trainSpiral(x, y, init, act, variant, 20); // warm-up: kernels compiled, buffers allocated
      const runs = range(o.reps).map(() => trainSpiral(x, y, init, act, variant, o.spiralSteps));
      const rates = runs.map((r) => o.spiralSteps / r.seconds);
      pending.push({ backend, variant, rates, loss: runs[0].loss });
      o.log(`  spiral ${act} ${backend}/${variant}: ${median(rates).toFixed(0)} steps/s (PyTorch before: ${median(before.rates).toFixed(0)})`);
    }
    const after = torchRuns();
    const torch = [...before.rates, ...after.rates];
    for (const p of pending) {
      const agree = Math.abs(p.loss - before.loss) < 1e-3 ? "same loss as PyTorch" : `loss ${p.loss.toFixed(4)} vs ${before.loss.toFixed(4)}`;
      rows.push({ workload: `1 spiral ${act}`, variant: `${p.backend}/${p.variant}`, ts: median(p.rates), torch: median(torch), unit: "steps/s", rate: true, note: `TS ${spread(p.rates, 0)}, PyTorch ${spread(torch, 0)}; ${agree}` });
    }
  }
  await use("wasm");
  return rows;
}

async function sst2Texts(): Promise<{ train: { texts: string[]; labels: number[] }; test: { texts: string[]; labels: number[] } }> {
  // $DLCOURSE_DATA (or the repo's datasets/) must hold sst2/; offline, loadSst2's error says where to put it.
  return data.headTailSplit(await data.loadSst2({ download: false }), { trainSize: 5000 });
}

/** Workload 2: iterations/s of the lecture's loop and the full test-set evaluation. */
export async function sst2Rows(o: BenchOptions, variants: [BenchBackend, Sst2Variant][]): Promise<Row[]> {
  const { train, test } = await sst2Texts();
  const lower = new text.WordPunctTokenizer({ lowercase: true });
  const vocabulary = text.Vocabulary.fromTexts(train.texts, { minCount: 6, tokenizer: lower });
  const bow = new text.BagOfWords({ vocabulary, tokenizer: lower });
  const sTrain = bow.sparse(train.texts);
  const sTest = bow.sparse(test.texts);
  const v = vocabulary.size;
  const dense = (s: ReturnType<typeof bow.sparse>) => text.denseRows(s);
  const [xTr0, xTe0] = [dense(sTrain), dense(sTest)];
  writeRaw("sst2_train.f32", xTr0.dataSync() as Float32Array);
  writeRaw("sst2_test.f32", xTe0.dataSync() as Float32Array);
  tf.dispose([xTr0, xTe0]);
  writeJson("sst2.json", { vocab: v, p: SST2_DROPOUT, trainLabels: train.labels, testLabels: test.labels });
  const torchRuns = () => peer<{ rates: number[]; evalSeconds: number[] }>("sst2", { steps: o.sst2Steps, reps: Math.ceil(o.reps / 2) }, o.threads);
  const before = torchRuns();
  const rows: Row[] = [];
  for (const [backend, variant] of variants) {
    await use(backend);
    const xTr = dense(sTrain);
    const xTe = dense(sTest);
    const yTr = tf.tensor1d(train.labels, "int32");
    const yTe = tf.tensor1d(test.labels, "int32");
    await trainSst2(xTr, yTr, xTe, yTe, variant, 10, 1, sTrain);
    const runs = [];
    for (const _ of range(o.reps)) runs.push(await trainSst2(xTr, yTr, xTe, yTe, variant, o.sst2Steps, 3, sTrain));
    tf.dispose([xTr, xTe, yTr, yTe]);
    const rates = runs.map((r) => o.sst2Steps / r.seconds);
    const evals = runs.map((r) => r.evalSeconds * 1000);
    const evals1 = runs.map((r) => r.evalOneBatch * 1000);
    rows.push({ workload: "2 SST-2 train", variant: `${backend}/${variant}`, ts: median(rates), torch: 0, unit: "it/s", rate: true, note: `TS ${spread(rates, 0)}; V = ${v}` });
    rows.push({ workload: "2 SST-2 eval (1920), predict()", variant: `${backend}/${variant}`, ts: median(evals), torch: 0, unit: "ms", rate: false, note: "default batchSize 32: 60 slices" });
    rows.push({ workload: "2 SST-2 eval (1920), one batch", variant: `${backend}/${variant}`, ts: median(evals1), torch: 0, unit: "ms", rate: false });
    o.log(`  sst2 ${backend}/${variant}: ${median(rates).toFixed(0)} it/s (PyTorch before: ${median(before.rates).toFixed(0)}), eval ${median(evals).toFixed(1)} ms`);
  }
  const after = torchRuns();
  const torchRate = median([...before.rates, ...after.rates]);
  const torchEval = median([...before.evalSeconds, ...after.evalSeconds]) * 1000;
  for (const r of rows) r.torch = r.rate ? torchRate : torchEval;
  if (rows[0]) rows[0].note += `; PyTorch ${spread([...before.rates, ...after.rates], 0)}`;
  await use("wasm");
  return rows;
}

/** Workload 3: one epoch of model.fit on 10k digits. */
export async function mnistRows(o: BenchOptions, backends: BenchBackend[]): Promise<Row[]> {
  await use("wasm");
  const first = data.loadMnist({ count: 10000, testFraction: 0, seed: 0 }).train;
  writeRaw("mnist_x.f32", first.x.dataSync() as Float32Array);
  writeRaw("mnist_y.i32", first.y.dataSync() as Int32Array);
  writeJson("mnist.json", { p: MNIST_DROPOUT, batch: MNIST_BATCH });
  tf.dispose([first.x, first.y]);
  const torchRuns = () => peer<{ seconds: number[] }>("mnist", { reps: Math.ceil(o.reps / 2) }, o.threads).seconds;
  const before = torchRuns();
  const rows: Row[] = [];
  for (const backend of backends) {
    await use(backend);
    const { train } = data.loadMnist({ count: 10000, testFraction: 0, seed: 0 });
    const yHot = tf.tidy(() => tf.oneHot(train.y, 10).toFloat()) as tf.Tensor2D;
    const runs = [];
    for (const _ of range(o.reps)) runs.push(await mnistEpoch(train.x, yHot));
    tf.dispose([train.x, train.y, yHot]);
    const secs = runs.map((r) => r.seconds);
    rows.push({ workload: "3 MNIST epoch (10k, BN+dropout)", variant: `${backend}/fit`, ts: median(secs), torch: 0, unit: "s", rate: false, note: `TS ${spread(secs, 2)} s` });
    o.log(`  mnist ${backend}: ${median(secs).toFixed(2)} s (PyTorch before: ${median(before).toFixed(2)} s)`);
  }
  const torch = [...before, ...torchRuns()];
  for (const r of rows) {
    r.torch = median(torch);
    r.note += `, PyTorch ${spread(torch, 2)} s`;
  }
  await use("wasm");
  return rows;
}

/** Workload 4: vocabulary + BoW matrices from the raw texts. */
export async function bowRows(o: BenchOptions): Promise<Row[]> {
  const { train, test } = await sst2Texts();
  writeJson("texts.json", { train: train.texts, test: test.texts });
  const torch = peer<{ seconds: number[]; vocab: number; nnz: number }>("bow", { reps: o.reps }, o.threads);
  buildBow(train.texts.slice(0, 200), test.texts.slice(0, 50));
  const runs = range(o.reps).map(() => buildBow(train.texts, test.texts));
  const secs = runs.map((r) => r.seconds * 1000);
  const same = runs[0].vocab === torch.vocab && runs[0].nnz === torch.nnz ? `same V (${torch.vocab}) and non-zeros` : `V ${runs[0].vocab} vs ${torch.vocab}, nnz ${runs[0].nnz} vs ${torch.nnz}`;
  o.log(`  bow: ${median(secs).toFixed(0)} ms (NLTK + numpy ${(median(torch.seconds) * 1000).toFixed(0)} ms)`);
  return [{ workload: "4 SST-2 vocabulary + BoW", variant: "lib text", ts: median(secs), torch: median(torch.seconds) * 1000, unit: "ms", rate: false, note: same }];
}
