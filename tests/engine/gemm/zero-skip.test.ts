import { test } from "node:test";
import assert from "node:assert/strict";
import { ready, tf } from "dlcourse";
import { wasmMatMul, wasmFusedMatMul } from "../../../lib/engine";
import { gemmModuleBytes } from "../../../lib/engine/gemm/module";
import { zeroSkipLists, type SkipBackend, type SkipExports } from "../../../lib/engine/gemm/zero-skip";
import { backendMemory, instantiateOn } from "../../../lib/engine/wasm-bytes";

test.before(() => ready({ backend: "wasm" }));
test.after(() => (wasmMatMul.install(), wasmFusedMatMul.install()));

const backend = () => tf.backend() as unknown as SkipBackend;
const exportsOf = () => instantiateOn<SkipExports>(gemmModuleBytes, backendMemory(backend().wasm))!;
const addr = (t: tf.Tensor) => backend().dataIdMap.get(t.dataId).memoryOffset;

/** [m, k] with about `zeros` of its entries +0 and a tenth of those -0, like MNIST pixels or a ReLU's output. */
function sparse(shape: [number, number], zeros: number, seed: number): tf.Tensor2D {
  return tf.tidy(() => {
    const u = tf.randomUniform(shape, 0, 1, "float32", seed);
    const v = tf.randomNormal(shape, 0, 1, "float32", seed + 1);
    const negZero = tf.fill(shape, -0);
    return tf.where(tf.less(u, zeros * 0.9), tf.zerosLike(v), tf.where(tf.less(u, zeros), negZero, v)) as tf.Tensor2D;
  });
}

function same(got: tf.Tensor, expected: tf.Tensor, what: string): void {
  assert.deepEqual(got.shape, expected.shape, what);
  const [g, e] = [got.dataSync(), expected.dataSync()];
  for (let i = 0; i < e.length; i++) assert.ok(Object.is(g[i], e[i]), `${what} at ${i}: ${g[i]} vs ${e[i]}`);
}

/** Whether the product of a (as it lies) and b [K, N] would skip: the lists, freed at once. */
function skips(a: tf.Tensor2D, b: tf.Tensor2D, bias: tf.Tensor | null = null): boolean {
  const [m, k] = a.shape;
  const lists = zeroSkipLists(exportsOf(), backend(), { pa: addr(a), sai: 4 * k, sak: 4, M: m, K: k, N: b.shape[1], pb: addr(b), pbias: bias == null ? null : addr(bias) });
  if (lists != null) backend().disposeData(lists.scratch.dataId);
  return lists != null;
}

test("products with mostly-zero (90%) left operands skip, and give XNNPACK's bits in every transpose combination", () => {
  // [M, K, N]: MNIST's first layer and its weight gradient, a ReLU layer's, rows not a multiple of 4
  for (const [m, k, n] of [[64, 784, 256], [256, 64, 128], [66, 784, 64], [784, 64, 48]]) {
    for (const [ta, tb] of [[false, false], [true, false], [false, true], [true, true]]) {
      const a = sparse(ta ? [k, m] : [m, k], 0.9, m + k);
      const b = tf.randomNormal(tb ? [n, k] : [k, n], 0, 1, "float32", n) as tf.Tensor2D;
      wasmMatMul.uninstall();
      const expected = tf.tidy(() => tf.matMul(ta ? tf.transpose(a) : a, tb ? tf.transpose(b) : b));
      wasmMatMul.install();
      const got = tf.matMul(a, b, ta, tb);
      same(got, expected, `${m}x${k}x${n} (${ta}, ${tb})`);
      if (!ta && !tb) assert.ok(skips(a, b), `${m}x${k}x${n} is sparse enough to skip`);
      tf.dispose([a, b, expected, got]);
    }
  }
});

test("with a bias and ReLU (a dense layer), zero skipping gives tfjs's own kernel's bits", () => {
  const a = sparse([64, 784], 0.9, 3);
  const b = tf.randomNormal([784, 256], 0, 1, "float32", 4) as tf.Tensor2D;
  const bias = tf.randomNormal([256], 0, 1, "float32", 5) as tf.Tensor1D;
  assert.ok(skips(a, b, bias));
  for (const activation of ["linear", "relu"] as const) {
    wasmFusedMatMul.uninstall();
    const expected = tf.fused.matMul({ a, b, bias, activation });
    wasmFusedMatMul.install();
    const got = tf.fused.matMul({ a, b, bias, activation });
    same(got, expected, activation);
    tf.dispose([expected, got]);
  }
  tf.dispose([a, b, bias]);
});

test("nothing is skipped where it would change bits (non-finite B, a -0 bias) or not pay (dense A, a small product)", () => {
  const a = sparse([64, 784], 0.9, 6);
  const b = tf.randomNormal([784, 256], 0, 1, "float32", 7) as tf.Tensor2D;
  assert.ok(skips(a, b), "the sparse product itself skips");
  const bad = (value: number, at: number) => tf.tidy(() => tf.where(tf.equal(tf.range(0, 784 * 256).reshape([784, 256]), at), tf.fill([784, 256], value), b) as tf.Tensor2D);
  for (const [value, at] of [[Infinity, 5], [NaN, 784 * 256 - 1], [-Infinity, 1000]]) {
    const b2 = bad(value, at);
    assert.ok(!skips(a, b2), `B with ${value} at ${at}`);
    // and the product still equals XNNPACK's, NaN where 0 x Inf makes one
    wasmMatMul.uninstall();
    const expected = tf.matMul(a, b2);
    wasmMatMul.install();
    const got = tf.matMul(a, b2);
    same(got, expected, `B with ${value}`);
    tf.dispose([b2, expected, got]);
  }
  const negZeroBias = tf.tidy(() => tf.concat([tf.fill([1], -0), tf.ones([255])]));
  assert.ok(!skips(a, b, negZeroBias), "a bias with -0");
  assert.ok(skips(a, b, tf.ones([256])), "a bias without -0");
  const dense = tf.randomNormal([64, 784], 0, 1, "float32", 8) as tf.Tensor2D;
  assert.ok(!skips(dense, b), "a dense A");
  const halfSparse = sparse([64, 784], 0.6, 11);
  assert.ok(!skips(halfSparse, b), "60% zeros at random (a ReLU's): ~87% of the (panel, k) pairs left, no gain");
  const small = sparse([300, 50], 0.9, 9), w = tf.randomNormal([50, 50], 0, 1, "float32", 10) as tf.Tensor2D;
  assert.ok(!skips(small, w), "the spiral's product, [300, 50] x [50, 50]");
  tf.dispose([a, b, negZeroBias, dense, halfSparse, small, w]);
});
