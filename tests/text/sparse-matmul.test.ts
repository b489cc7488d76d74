import { test } from "node:test";
import assert from "node:assert/strict";
import { text, tf, ready } from "dlcourse";

// x = [[1, 0, 2], [0, 3, 0]] (N = 2, V = 3), w = [[1, 2], [3, 4], [5, 6]] (M = 2).
const x = text.sparseFromRows([new Map([[0, 1], [2, 2]]), new Map([[1, 3]])], 3);
const wValues = [[1, 2], [3, 4], [5, 6]];

test("x W is the sum of W's rows at x's non-zeros; the gradient is x^T dY", async () => {
  await ready();
  const before = tf.memory().numTensors;
  const w = tf.tensor2d(wValues);
  const y = text.sparseMatMul(x, w);
  // row 0: 1 * [1, 2] + 2 * [5, 6] = [11, 14]; row 1: 3 * [3, 4] = [9, 12]
  assert.deepEqual(await y.array(), [[11, 14], [9, 12]]);
  // d/dW sum(x W * dY) = x^T dY; dY = [[1, 0], [0, 2]]: x^T = [[1, 0], [0, 3], [2, 0]] -> [[1, 0], [0, 6], [2, 0]]
  const dy = tf.tensor2d([[1, 0], [0, 2]]);
  const g = tf.grad((wt: tf.Tensor) => text.sparseMatMul(x, wt as tf.Tensor2D).mul(dy).sum())(w);
  assert.deepEqual(await g.array(), [[1, 0], [0, 6], [2, 0]]);
  tf.dispose([w, y, dy, g]);
  assert.equal(tf.memory().numTensors, before);
});

test("agrees with tf.matMul on the densified matrix, values and gradients", async () => {
  await ready();
  const before = tf.memory().numTensors;
  const rows = Array.from({ length: 20 }, (_, r) => new Map(Array.from({ length: 1 + (r % 4) }, (_, k) => [(7 * r + 11 * k) % 50, 1 + ((r + k) % 3)] as [number, number])));
  const s = text.sparseFromRows(rows, 50);
  const dense = text.denseRows(s);
  const w = tf.randomNormal([50, 8], 0, 1, "float32", 3) as tf.Tensor2D;
  const dy = tf.randomNormal([20, 8], 0, 1, "float32", 4);
  const close = (a: tf.Tensor, b: tf.Tensor) => assert.ok(tf.tidy(() => a.sub(b).abs().max().dataSync()[0]) < 1e-5);
  tf.tidy(() => {
    close(text.sparseMatMul(s, w), tf.matMul(dense, w));
    const gSparse = tf.grad((wt: tf.Tensor) => text.sparseMatMul(s, wt as tf.Tensor2D).mul(dy).sum())(w);
    const gDense = tf.grad((wt: tf.Tensor) => tf.matMul(dense, wt).mul(dy).sum())(w);
    close(gSparse, gDense);
  });
  tf.dispose([dense, w, dy]);
  assert.equal(tf.memory().numTensors, before);
});

test("batched form: K sparse matrices times W [K, V, M], each with its own block", async () => {
  await ready();
  const before = tf.memory().numTensors;
  const x2 = text.sparseFromRows([new Map([[2, 1]]), new Map([[0, 1], [1, 1]])], 3); // [[0, 0, 1], [1, 1, 0]]
  const w = tf.tensor3d([wValues, wValues.map((r) => r.map((v) => 10 * v))]); // W[1] = 10 W[0]
  const y = text.sparseMatMul([x, x2], w);
  // block 0 as above; block 1: row 0 = 10 * [5, 6]; row 1 = 10 * ([1, 2] + [3, 4])
  assert.deepEqual(await y.array(), [[[11, 14], [9, 12]], [[50, 60], [40, 60]]]);
  const g = tf.grad((wt: tf.Tensor) => text.sparseMatMul([x, x2], wt as tf.Tensor3D).sum())(w);
  // dY = ones: block 0 = x^T 1 = column sums per row of W: [[1, 1], [3, 3], [2, 2]]; block 1: [[1, 1], [1, 1], [1, 1]]
  assert.deepEqual(await g.array(), [[[1, 1], [3, 3], [2, 2]], [[1, 1], [1, 1], [1, 1]]]);
  tf.dispose([w, y, g]);
  assert.equal(tf.memory().numTensors, before);
});

test("shape mismatches are clear errors", async () => {
  await ready();
  const w = tf.zeros([4, 2]) as tf.Tensor2D;
  const w3 = tf.zeros([2, 3, 2]) as tf.Tensor3D;
  assert.throws(() => text.sparseMatMul(x, w), /sparseMatMul: expected x \[N, 4\] to match w \[4,2\], got \[2,3\]/);
  assert.throws(() => text.sparseMatMul(x, w3 as never), /sparseMatMul: expected w of rank 2 \(\[V, M\]\), got \[2,3,2\]/);
  assert.throws(() => text.sparseMatMul([x], w3), /sparseMatMul: expected 2 sparse matrices for w \[2,3,2\], got 1/);
  const one = text.sparseFromRows([new Map([[0, 1]])], 3);
  assert.throws(() => text.sparseMatMul([x, one], w3), /sparseMatMul: expected every sparse matrix to have 2 rows, got 1 at 1/);
  tf.dispose([w, w3]);
});

test("wasm (data read and written on the heap) and cpu (JS arrays) give the same bits, without leaks", async () => {
  // Three sparse [4, 9] matrices: a few non-zeros per row, from a seeded generator.
  let s = 1;
  const rand = () => ((s = (s * 16807) % 2147483647) / 2147483647);
  const x = [0, 1, 2].map(() => text.sparseFromRows(Array.from({ length: 4 }, () =>
    new Map(Array.from({ length: 3 }, () => [Math.floor(rand() * 9), rand() * 2 - 1] as [number, number]))), 9));
  const run = async (backend: "wasm" | "cpu") => {
    await ready({ backend });
    const w = tf.randomNormal([3, 9, 4], 0, 1, "float32", 7) as tf.Tensor3D;
    const before = tf.memory().numTensors;
    const { value, grads } = tf.tidy(() => {
      const f = (ww: tf.Tensor) => tf.sum(tf.square(text.sparseMatMul(x, ww as tf.Tensor3D)));
      return { value: text.sparseMatMul(x, w), grads: tf.grad(f)(w) };
    });
    assert.equal(tf.memory().numTensors, before + 2, `${backend}: only the results stay`);
    const out = [Array.from(value.dataSync()), Array.from(grads.dataSync())];
    tf.dispose([w, value, grads]);
    return out;
  };
  const cpu = await run("cpu");
  assert.deepEqual(await run("wasm"), cpu);
});
