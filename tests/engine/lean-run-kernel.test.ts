import { test } from "node:test";
import assert from "node:assert/strict";
import { ready, tf, losses, optim } from "dlcourse";
import { assertSameBits } from "../helpers/tensors";
import { leanRunKernelOp } from "../../lib/engine/lean-run-kernel";

test.before(() => ready({ backend: "wasm" }));
test.after(() => leanRunKernelOp.install()); // the state ready() leaves

const seeded = (shape: number[], seed: number) => tf.randomNormal(shape, 0, 1, "float32", seed);
type Engine = { state: { kernelDepth: number; gradientDepth: number; numTensors: number } };
const state = () => (tf.engine() as unknown as Engine).state;

/** A few training steps of a small net (matmul, bias, ReLU, cross-entropy, norm penalty, SGD): losses, gradients and weights. */
function train(): tf.Tensor[] {
  const x = seeded([30, 4], 1);
  const y = tf.tensor1d(Array.from({ length: 30 }, (_, i) => i % 3), "int32");
  const vars = [[4, 6], [6], [6, 3], [3]].map((s, k) => tf.tidy(() => tf.variable(seeded(s, 10 + k))));
  const opt = new optim.SGD({ lr: 0.1, momentum: 0.9 });
  const out: tf.Tensor[] = [];
  for (let step = 0; step < 3; step++) {
    const { value, grads } = tf.variableGrads(() => {
      const h = tf.relu(tf.add(tf.matMul(x, vars[0]), vars[1]));
      const z = tf.add(tf.matMul(h, vars[2]), vars[3]);
      return tf.add(losses.crossEntropy(y, z), tf.mul(tf.norm(vars[0]), 0.01)) as tf.Scalar;
    }, vars);
    opt.applyGradients(grads);
    out.push(value, ...vars.map((v) => grads[v.name]));
  }
  out.push(...vars.map((v) => v.clone()));
  tf.dispose([x, y, ...vars]);
  opt.dispose();
  return out;
}

test("is installed by ready() on wasm", () => {
  assert.equal(leanRunKernelOp.installed(), true);
});

test("training steps give tfjs's own bits, and leave as many tensors", () => {
  leanRunKernelOp.uninstall();
  const before = tf.memory().numTensors;
  const expected = train();
  const kept = tf.memory().numTensors - before;
  assert.equal(leanRunKernelOp.install(), true);
  const at = tf.memory().numTensors;
  const got = train();
  assert.equal(tf.memory().numTensors - at, kept);
  assert.equal(got.length, expected.length);
  got.forEach((g, i) => assertSameBits(g, expected[i], `tensor ${i}`));
  tf.dispose([...got, ...expected]);
});

test("a gradient of a gradient gives tfjs's own bits (saved tensors are cloned inside the launch)", () => {
  const d2 = (x: tf.Tensor) => tf.grad(tf.grad((v: tf.Tensor) => tf.mul(tf.pow(v, 3), tf.sin(v))))(x);
  const x = tf.tensor1d([0.5, 1.5, -2]);
  leanRunKernelOp.uninstall();
  const expected = d2(x);
  leanRunKernelOp.install();
  const got = d2(x);
  assertSameBits(got, expected, "f''");
  tf.dispose([x, got, expected]);
});

test("a kernel the backend lacks gets tfjs's message", () => {
  assert.throws(() => tf.engine().runKernel("DlcourseNoSuchKernel", {}), /Kernel 'DlcourseNoSuchKernel' not registered for backend 'wasm'/);
});

test("a kernel that throws leaves the engine as it was: the next gradient is taped", () => {
  const name = "DlcourseTestThrows";
  tf.registerKernel({ kernelName: name, backendName: "wasm", kernelFunc: () => { throw new Error("kernel failed"); } });
  try {
    const x = tf.scalar(3);
    assert.throws(() => tf.grad((v: tf.Tensor) => tf.engine().runKernel(name, { x: v }) as tf.Tensor)(x), /kernel failed/);
    assert.equal(state().kernelDepth, 0);
    const g = tf.grad((v: tf.Tensor) => tf.mul(v, v))(x);
    assert.equal(g.dataSync()[0], 6);
    tf.dispose([x, g]);
  } finally {
    tf.unregisterKernel(name, "wasm");
  }
});

test("tf.profile still lists every kernel (profiling runs tfjs's own launch)", async () => {
  const a = seeded([3, 4], 2), b = seeded([4, 2], 3);
  const names = async () => (await tf.profile(() => tf.relu(tf.matMul(a, b)))).kernels.map((k) => k.name);
  const lean = await names();
  leanRunKernelOp.uninstall();
  const own = await names();
  leanRunKernelOp.install();
  assert.deepEqual(lean, own);
  assert.deepEqual(lean, ["BatchMatMul", "Relu"]);
  tf.dispose([a, b]);
});

test("a kernel launched inside another is not taped: the tape holds the outer kernel only", () => {
  const name = "DlcourseTestOuter";
  let inner = 0;
  // The outer kernel launches Square through the engine, as kernels built from others do.
  tf.registerKernel({
    kernelName: name, backendName: "wasm",
    kernelFunc: ({ inputs }) => {
      inner += 1;
      const info = inputs.x!;
      const x = tf.engine().makeTensorFromDataId(info.dataId, info.shape, info.dtype);
      return tf.engine().runKernel("Square", { x }) as tf.TensorInfo;
    },
  });
  tf.registerGradient({ kernelName: name, inputsToSave: ["x"], gradFunc: (dy, [x]) => ({ x: () => tf.mul(tf.mul(dy as tf.Tensor, x), 2) }) });
  try {
    const x = tf.scalar(3);
    let taped: string[] = [];
    const g = tf.grad((v: tf.Tensor) => {
      const y = tf.engine().runKernel(name, { x: v }) as tf.Tensor;
      taped = (tf.engine() as unknown as { state: { activeTape: { kernelName: string }[] } }).state.activeTape.map((n) => n.kernelName);
      return y;
    })(x);
    assert.equal(g.dataSync()[0], 6);
    assert.equal(inner, 1);
    assert.deepEqual(taped, [name]);
    tf.dispose([x, g]);
  } finally {
    tf.unregisterKernel(name, "wasm");
  }
});
