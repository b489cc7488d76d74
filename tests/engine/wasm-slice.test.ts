import { test } from "node:test";
import assert from "node:assert/strict";
import { ready, tf } from "dlcourse";
import { SHORT_RUN, wasmSlice } from "../../lib/engine/wasm-slice";

// [x shape, begin, size]: 1-D to 4-D, cut along each axis, in the middle, size -1, empty slices,
// whole tensors, runs shorter and longer than SHORT_RUN.
const CASES: [number[], number[], number[]][] = [
  [[10], [3], [5]],
  [[10], [4], [-1]],
  [[10], [7], [0]],
  [[50, 40], [10, 0], [32, -1]],
  [[50, 40], [0, 0], [50, 40]],
  [[50, 40], [5, 7], [20, 25]],
  [[50, 40], [3, 38], [4, 2]],
  [[50, 40], [49, 0], [1, -1]],
  [[50, 40], [0, 0], [0, 40]],
  [[4, 5, 20], [1, 0, 0], [2, -1, -1]],
  [[4, 5, 20], [0, 2, 0], [-1, 2, -1]],
  [[4, 5, 20], [1, 1, 3], [2, 3, 17]],
  [[4, 5, 20], [0, 0, 19], [-1, -1, 1]],
  [[3, 4, 5, 18], [1, 0, 0, 0], [1, -1, -1, -1]],
  [[3, 4, 5, 18], [0, 1, 0, 0], [-1, 2, -1, -1]],
  [[3, 4, 5, 18], [0, 0, 2, 0], [-1, -1, 3, -1]],
  [[3, 4, 5, 18], [1, 1, 1, 1], [2, 2, 3, 16]],
  [[3, 4, 5, 18], [0, 0, 0, 5], [3, 4, 5, 0]],
];

test.before(() => ready({ backend: "wasm" }));
test.after(() => wasmSlice.install()); // the state ready() leaves

/** tfjs's own result (kernel uninstalled) and ours, compared value by value. */
function checkSame(x: tf.Tensor, begin: number[], size: number[], label: string): void {
  wasmSlice.uninstall();
  const expected = tf.slice(x, begin, size);
  assert.equal(wasmSlice.install(), true);
  const before = tf.memory().numTensors;
  const got = tf.slice(x, begin, size);
  assert.equal(tf.memory().numTensors, before + 1, `${label}: only the result stays alive`);
  assert.deepEqual(got.shape, expected.shape, label);
  assert.equal(got.dtype, expected.dtype, label);
  assert.deepEqual(Array.from(got.dataSync()), Array.from(expected.dataSync()), label);
  tf.dispose([expected, got]);
}

test("float32 slices equal tfjs's kernel, 1-D to 4-D, along every axis", () => {
  const runs = CASES.map(([s, , z]) => z[z.length - 1] === -1 || z[z.length - 1] === s[s.length - 1]);
  assert.ok(runs.includes(true) && runs.includes(false), "cases cover whole and cut last axes");
  assert.ok(CASES.some(([, , z]) => z[z.length - 1] > 0 && z[z.length - 1] < SHORT_RUN), "a short-run case");
  for (const [shape, begin, size] of CASES) {
    const x = tf.randomNormal(shape, 0, 1, "float32", 7);
    checkSame(x, begin, size, `float32 ${shape} begin ${begin} size ${size}`);
    x.dispose();
  }
});

test("int32 and bool data are copied exactly", () => {
  for (const [shape, begin, size] of CASES) {
    const ints = tf.randomUniform(shape, -1000, 1000, "int32", 8);
    const bools = tf.greater(tf.randomNormal(shape, 0, 1, "float32", 9), 0);
    checkSame(ints, begin, size, `int32 ${shape} begin ${begin} size ${size}`);
    checkSame(bools, begin, size, `bool ${shape} begin ${begin} size ${size}`);
    tf.dispose([ints, bools]);
  }
});

test("an output that grows the wasm heap is still copied from live views", () => {
  const heapBytes = () => (tf.backend() as unknown as { wasm: { HEAPU8: Uint8Array } }).wasm.HEAPU8.buffer.byteLength;
  wasmSlice.install();
  const x = tf.randomNormal([4, Math.ceil(heapBytes() / 16) + 1000], 0, 1, "float32", 13);
  const before = heapBytes();
  const got = tf.slice(x, [0, 0], [3, -1]);
  assert.ok(heapBytes() > before, "the case must make malloc grow the heap");
  wasmSlice.uninstall();
  const expected = tf.slice(x, [0, 0], [3, -1]);
  wasmSlice.install();
  assert.ok(tf.equal(got, expected).all().dataSync()[0] === 1, "same values after the heap grew");
  tf.dispose([x, got, expected]);
});

test("string tensors go to tfjs's kernel and still give its result", () => {
  wasmSlice.install();
  const s = tf.tensor2d([["a", "b", "c"], ["d", "e", "f"]]);
  const y = tf.slice(s, [0, 1], [2, 2]);
  assert.deepEqual(y.arraySync(), [["b", "c"], ["e", "f"]]);
  tf.dispose([s, y]);
});

test("gradients through tf.slice are unchanged", () => {
  const x = tf.randomNormal([12, 20], 0, 1, "float32", 10);
  const w = tf.randomNormal([20, 3], 0, 1, "float32", 12);
  const f = (xx: tf.Tensor, ww: tf.Tensor) =>
    tf.sum(tf.square(tf.matMul(tf.slice(xx, [2, 0], [5, -1]) as tf.Tensor2D, tf.slice(ww, [0, 1], [-1, 2]) as tf.Tensor2D)));
  wasmSlice.uninstall();
  const expected = tf.grads(f)([x, w]);
  wasmSlice.install();
  const before = tf.memory().numTensors;
  const got = tf.grads(f)([x, w]);
  assert.equal(tf.memory().numTensors, before + 2, "only the two gradients stay alive");
  for (let i = 0; i < 2; i++) assert.deepEqual(Array.from(got[i].dataSync()), Array.from(expected[i].dataSync()));
  tf.dispose([x, w, ...expected, ...got]);
});

test("model.predict gives the same values with and without the kernel", () => {
  const x = tf.randomNormal([200, 40], 0, 1, "float32", 11);
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [40], units: 8, activation: "relu", kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }),
      tf.layers.dense({ units: 1, activation: "sigmoid", kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
    ],
  });
  wasmSlice.uninstall();
  const expected = model.predict(x, { batchSize: 32 }) as tf.Tensor;
  wasmSlice.install();
  const before = tf.memory().numTensors;
  const got = model.predict(x, { batchSize: 32 }) as tf.Tensor;
  assert.equal(tf.memory().numTensors, before + 1, "predict leaves only its result");
  assert.deepEqual(Array.from(got.dataSync()), Array.from(expected.dataSync()));
  tf.dispose([x, expected, got]);
  model.dispose();
});

test("ready() on wasm installs it", async () => {
  wasmSlice.uninstall();
  assert.equal(await ready({ backend: "wasm" }), "wasm");
  assert.equal(wasmSlice.installed(), true);
});

test("install is idempotent and uninstall restores tfjs's own kernel", () => {
  wasmSlice.install();
  const ours = tf.getKernel("Slice", "wasm")!.kernelFunc;
  assert.equal(wasmSlice.install(), true);
  assert.equal(tf.getKernel("Slice", "wasm")!.kernelFunc, ours);
  wasmSlice.uninstall();
  assert.equal(wasmSlice.installed(), false);
  assert.notEqual(tf.getKernel("Slice", "wasm")!.kernelFunc, ours);
});
