import { test } from "node:test";
import assert from "node:assert/strict";
import { ready, tf, nn } from "dlcourse";
import { defineFusedBatchNorm, BATCH_NORM_JS_MAX } from "../../lib/engine/fused/batch-norm";
import { batchNormKernels } from "../../lib/engine/fused/batch-norm-simd";
import { backendMemory, type WasmModuleMemory } from "../../lib/engine/wasm-bytes";

const KERNELS = ["DlcourseBatchNormTrain", "DlcourseBatchNormGrad"];
const fusedOff = () => KERNELS.forEach((k) => tf.unregisterKernel(k, "wasm"));

test.before(() => ready({ backend: "wasm" }));
test.after(() => defineFusedBatchNorm());

/** Two training steps of one layer: outputs, gradients for x, gamma, beta, and the running statistics. */
function steps(shape: number[]): Float32Array[] {
  const layer = new nn.BatchNorm({ momentum: 0.3 });
  layer.build(shape);
  const out: Float32Array[] = [];
  for (const seed of [1, 2]) {
    tf.tidy(() => {
      const x = tf.randomNormal(shape, 2, 3, "float32", seed);
      const w = tf.randomNormal(shape, 0, 1, "float32", seed + 10);
      const f = (xx: tf.Tensor) => tf.sum(tf.mul(layer.apply(xx, { training: true }) as tf.Tensor, w));
      const { value, grads } = tf.variableGrads(() => f(x) as tf.Scalar, layer.trainableWeights.map((v) => (v as unknown as { val: tf.Variable }).val));
      const dx = tf.grad(f)(x);
      out.push(value.dataSync() as Float32Array, dx.dataSync() as Float32Array, ...Object.values(grads).map((g) => g.dataSync() as Float32Array));
    });
  }
  out.push(...layer.getWeights().map((t) => t.dataSync() as Float32Array));
  layer.weights.forEach((v) => v.dispose());
  return out;
}

test("nn.BatchNorm's fused training step gives the composite path's bits (values, gradients, running statistics)", () => {
  // D a multiple of 4: the SIMD passes (./batch-norm-simd.ts); else the scalar loops.
  for (const shape of [[64, 256], [7, 8], [3, 5, 5, 16], [5, 3], [2, 4, 4, 3]]) {
    const before = tf.memory().numTensors;
    const fused = steps(shape);
    assert.equal(tf.memory().numTensors, before, `no tensor leaks for [${shape}]`);
    fusedOff();
    const composite = steps(shape);
    defineFusedBatchNorm();
    assert.equal(fused.length, composite.length);
    fused.forEach((a, i) => assert.deepEqual(Array.from(a), Array.from(composite[i]), `[${shape}] array ${i}`));
  }
});

test("the training step is one kernel forward and one backward, and large inputs keep the composite ops", async () => {
  const kernelsOf = async (shape: number[]) => {
    const layer = new nn.BatchNorm();
    layer.build(shape);
    const x = tf.randomNormal(shape, 0, 1, "float32", 3);
    const info = await tf.profile(() => tf.tidy(() => tf.grad((xx: tf.Tensor) => tf.sum(layer.apply(xx, { training: true }) as tf.Tensor))(x)));
    tf.dispose([x, info.result as tf.Tensor]);
    layer.weights.forEach((v) => v.dispose());
    return info.kernels.map((k) => k.name);
  };
  const small = await kernelsOf([64, 256]);
  assert.ok(small.includes(KERNELS[0]) && small.includes(KERNELS[1]), small.join(" "));
  assert.ok(!small.includes("Mean") && !small.includes("Rsqrt"), small.join(" "));
  const large = await kernelsOf([BATCH_NORM_JS_MAX / 8 + 1, 16]);
  assert.ok(!large.includes(KERNELS[0]) && large.includes("Mean"), "composite above the size limit");
});

test("the SIMD passes run where D is a multiple of 4, and the scalar loops elsewhere", () => {
  const memory = backendMemory((tf.backend() as unknown as { wasm: WasmModuleMemory }).wasm);
  assert.notEqual(batchNormKernels(memory, 256), null, "wasm SIMD passes for D = 256");
  assert.equal(batchNormKernels(memory, 3), null);
});
