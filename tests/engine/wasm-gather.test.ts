import { test } from "node:test";
import assert from "node:assert/strict";
import { ready, tf } from "dlcourse";
import { SHORT_SLICE, wasmGather } from "../../lib/engine/wasm-gather";

// [x shape, axis, indices (shape from the nested array)]: both copy paths (slices of at least
// SHORT_SLICE elements and shorter ones), negative axis, repeated/unsorted and 2-D indices.
const CASES: [number[], number, number[] | number[][]][] = [
  [[10], 0, [3, 3, 0, 9, 1]],
  [[50, 40], 0, [7, 2, 2, 49, 0, 13]],
  [[50, 3], 0, [1, 0, 1, 49]],
  [[6, 40], 1, [39, 0, 5, 5, 17]],
  [[6, 40], -1, [[1, 2], [3, 0]]],
  [[4, 5, 20], 1, [4, 0, 4, 2]],
  [[4, 5, 20], 2, [19, 3, 3]],
  [[3, 4, 5, 18], 0, [2, 0, 2]],
  [[3, 4, 5, 18], 1, [[3, 1], [0, 0]]],
  [[3, 4, 5, 18], 3, [17, 0, 9]],
  [[8, 32], 0, []],
];

test.before(() => ready({ backend: "wasm" }));
test.after(() => wasmGather.install()); // the state ready() leaves

/** tfjs's own result (kernel uninstalled) and ours, compared value by value. */
function checkSame(x: tf.Tensor, axis: number, idx: number[] | number[][], label: string): void {
  const indices = tf.tensor(idx, undefined, "int32");
  wasmGather.uninstall();
  const expected = tf.gather(x, indices, axis);
  assert.equal(wasmGather.install(), true);
  const before = tf.memory().numTensors;
  const got = tf.gather(x, indices, axis);
  assert.equal(tf.memory().numTensors, before + 1, `${label}: only the result stays alive`);
  assert.deepEqual(got.shape, expected.shape, label);
  assert.equal(got.dtype, expected.dtype, label);
  assert.deepEqual(Array.from(got.dataSync()), Array.from(expected.dataSync()), label);
  tf.dispose([indices, expected, got]);
}

test("float32 gathers equal tfjs's kernel along every axis, 1-D to 4-D", () => {
  assert.ok(CASES.some(([s, a]) => s.slice(a < 0 ? s.length + a + 1 : a + 1).reduce((p, d) => p * d, 1) >= SHORT_SLICE));
  for (const [shape, axis, idx] of CASES) {
    const x = tf.randomNormal(shape, 0, 1, "float32", 7);
    checkSame(x, axis, idx, `float32 ${shape} axis ${axis} [${idx}]`);
    x.dispose();
  }
});

test("an output that grows the wasm heap is still copied from live views", () => {
  const heapBytes = () => (tf.backend() as unknown as { wasm: { HEAPU8: Uint8Array } }).wasm.HEAPU8.buffer.byteLength;
  const x = tf.randomNormal([1000, 1000], 0, 1, "float32", 13);
  const idx = tf.tensor1d(Array.from({ length: (3 * heapBytes()) / 4000 }, (_, i) => (i * 7919) % 1000), "int32");
  wasmGather.install();
  const before = heapBytes();
  const got = tf.gather(x, idx);
  assert.ok(heapBytes() > before, "the case must make malloc grow the heap");
  wasmGather.uninstall();
  const expected = tf.gather(x, idx);
  wasmGather.install();
  assert.ok(tf.equal(got, expected).all().dataSync()[0] === 1, "same values after the heap grew");
  tf.dispose([x, idx, got, expected]);
});

test("int32 and bool data are copied exactly", () => {
  for (const [shape, axis, idx] of CASES) {
    const ints = tf.randomUniform(shape, -1000, 1000, "int32", 8);
    const bools = tf.greater(tf.randomNormal(shape, 0, 1, "float32", 9), 0);
    checkSame(ints, axis, idx, `int32 ${shape} axis ${axis}`);
    checkSame(bools, axis, idx, `bool ${shape} axis ${axis}`);
    tf.dispose([ints, bools]);
  }
});

test("an index out of range throws tfjs's message naming the index", () => {
  wasmGather.install();
  const x = tf.zeros([5, 20]);
  for (const bad of [5, -1]) {
    const i = tf.tensor1d([0, bad], "int32");
    assert.throws(() => tf.gather(x, i), new RegExp(`GatherV2: the index value ${bad} is not in \\[0, 4\\]`));
    i.dispose();
  }
  x.dispose();
});

test("batchDims goes to tfjs's kernel and still gives its result", () => {
  wasmGather.install();
  const x = tf.tensor([[1, 2, 3], [4, 5, 6]]);
  const i = tf.tensor2d([[2, 0], [1, 1]], [2, 2], "int32");
  const y = tf.gather(x, i, 1, 1);
  assert.deepEqual(y.arraySync(), [[3, 1], [5, 5]]);
  tf.dispose([x, i, y]);
});

test("gradients through a gathered batch are unchanged", () => {
  // model.fit's case: the gathered rows are data; the gradient flows to the weights.
  const x = tf.randomNormal([12, 20], 0, 1, "float32", 10);
  const w = tf.randomNormal([20, 3], 0, 1, "float32", 12);
  const idx = tf.tensor1d([3, 3, 11, 0, 5], "int32");
  const f = (ww: tf.Tensor) => tf.sum(tf.square(tf.matMul(tf.gather(x, idx) as tf.Tensor2D, ww as tf.Tensor2D)));
  wasmGather.uninstall();
  const expected = tf.grad(f)(w);
  wasmGather.install();
  const got = tf.grad(f)(w);
  assert.deepEqual(Array.from(got.dataSync()), Array.from(expected.dataSync()));
  tf.dispose([x, w, idx, expected, got]);
});

test("the gradient with respect to the gathered tensor fails on wasm exactly as before", () => {
  // tf.gather's gradient is UnsortedSegmentSum, which tfjs-backend-wasm 4.22 does not have;
  // the kernel here changes only the forward pass, so the message stays tfjs's own.
  const x = tf.randomNormal([12, 20], 0, 1, "float32", 10);
  const idx = tf.tensor1d([3, 3, 11, 0, 5], "int32");
  const f = (t: tf.Tensor) => tf.sum(tf.square(tf.gather(t, idx)));
  const messageOf = (): string => {
    try {
      tf.grad(f)(x).dispose();
      return "no error";
    } catch (e) {
      return (e as Error).message;
    }
  };
  wasmGather.uninstall();
  const expected = messageOf();
  wasmGather.install();
  assert.equal(messageOf(), expected);
  assert.match(expected, /UnsortedSegmentSum/);
  tf.dispose([x, idx]);
});

test("a model.fit epoch gives the same loss with and without the kernel", async () => {
  const x = tf.randomNormal([300, 40], 0, 1, "float32", 11);
  const y = tf.cast(tf.greater(tf.sum(x, 1, true), 0), "float32");
  const lossOnce = async (): Promise<number> => {
    const model = tf.sequential({
      layers: [
        tf.layers.dense({ inputShape: [40], units: 8, activation: "relu", kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }),
        tf.layers.dense({ units: 1, activation: "sigmoid", kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
      ],
    });
    const sgd = tf.train.sgd(0.1);
    model.compile({ optimizer: sgd, loss: "binaryCrossentropy" });
    const h = await model.fit(x, y, { epochs: 2, batchSize: 32, shuffle: false, validationSplit: 0.2, verbose: 0 });
    model.dispose();
    sgd.dispose(); // model.dispose() leaves the optimizer's tensors
    return (h.history.loss[1] as number) + 1000 * (h.history.val_loss[1] as number);
  };
  wasmGather.uninstall();
  const expected = await lossOnce();
  wasmGather.install();
  const start = tf.memory().numTensors;
  const got = await lossOnce();
  assert.equal(tf.memory().numTensors, start, "fit leaves no tensors behind");
  assert.equal(got, expected);
  tf.dispose([x, y]);
});

test("ready() on wasm installs it", async () => {
  wasmGather.uninstall();
  assert.equal(await ready({ backend: "wasm" }), "wasm");
  assert.equal(wasmGather.installed(), true);
});

test("install is idempotent and uninstall restores tfjs's own kernel", () => {
  wasmGather.install();
  const ours = tf.getKernel("GatherV2", "wasm")!.kernelFunc;
  assert.equal(wasmGather.install(), true);
  assert.equal(tf.getKernel("GatherV2", "wasm")!.kernelFunc, ours);
  wasmGather.uninstall();
  assert.equal(wasmGather.installed(), false);
  assert.notEqual(tf.getKernel("GatherV2", "wasm")!.kernelFunc, ours);
});
