import { test } from "node:test";
import assert from "node:assert/strict";
import { ready, tf, losses } from "dlcourse";
import { assertSameBits } from "../helpers/tensors";
import { backwardReplay } from "../../lib/engine/lean-tape";
import { backwardReplayStats, forgetBackwardPasses } from "../../lib/engine/replay/backward";

test.before(() => ready({ backend: "wasm" }));
test.after(() => backwardReplay.install()); // the state ready() leaves

const seeded = (shape: number[], seed: number) => tf.randomNormal(shape, 0, 1, "float32", seed);
const variable = (shape: number[], seed: number) => tf.tidy(() => tf.variable(seeded(shape, seed)));

/** Runs `compute` with every backward pass eager (tfjs's walk), then with the replayer; same bits, same tensors kept. */
function eagerThenReplayed(compute: () => tf.Tensor[], what: string): void {
  backwardReplay.uninstall();
  const expected = compute();
  assert.equal(backwardReplay.install(), true);
  forgetBackwardPasses();
  const before = tf.memory().numTensors;
  const got = compute();
  assert.equal(tf.memory().numTensors - before, got.length, `${what}: only the results stay`);
  got.forEach((g, i) => assertSameBits(g, expected[i], `${what}: result ${i}`));
  tf.dispose([...got, ...expected]);
}

test("the spiral's lecture loop: backward passes replayed from the third step, every loss and weight with the eager bits", () => {
  const x = seeded([60, 2], 1);
  const y = tf.tensor1d(Array.from({ length: 60 }, (_, i) => i % 3), "int32");
  const train = (): tf.Tensor[] => {
    const vars = [[2, 8], [8, 8], [8, 3]].flatMap(([i, o], k) => [variable([i, o], 10 + k), variable([o], 20 + k)]);
    const f = () => {
      let h: tf.Tensor = x;
      for (let k = 0; k < 3; k++) {
        h = tf.add(tf.matMul(h, vars[2 * k]), vars[2 * k + 1]);
        if (k < 2) h = k === 0 ? tf.relu(h) : tf.sigmoid(h);
      }
      return tf.add(losses.crossEntropy(y, h), tf.mul(tf.addN([0, 2, 4].map((k) => tf.norm(vars[k]))), 0.01)) as tf.Scalar;
    };
    const lossValues: tf.Tensor[] = [];
    for (let step = 0; step < 6; step++) {
      const { value, grads } = tf.variableGrads(f, vars);
      lossValues.push(value);
      for (const v of vars) {
        const next = tf.tidy(() => tf.sub(v, tf.mul(grads[v.name], 0.1)));
        v.assign(next);
        next.dispose();
      }
      tf.dispose(Object.values(grads));
    }
    const out = [...lossValues, ...vars.map((v) => tf.clone(v))];
    tf.dispose(vars);
    return out;
  };
  eagerThenReplayed(train, "six steps");
  assert.deepEqual(backwardReplayStats(), { replayed: 4, recorded: 2, eager: 0 });
  tf.dispose([x, y]);
});

test("passes alike but for attributes, wiring or shared data are told apart", () => {
  const [a, b] = [variable([4, 4], 1), variable([4, 4], 2)];
  const [d, e] = [seeded([4, 4], 3), seeded([4, 4], 4)];
  // Same kernels on the same shapes: transposed or not, a x a or a x b, and (with a the only
  // variable) one constant saved twice or two constants: the same wiring, other shared data.
  const passes: [() => tf.Scalar, tf.Variable[]][] = [
    [() => tf.sum(tf.mul(tf.matMul(a, b), a)), [a, b]],
    [() => tf.sum(tf.mul(tf.matMul(a, b, false, true), a)), [a, b]],
    [() => tf.sum(tf.mul(tf.matMul(a, b), b)), [a, b]],
    [() => tf.sum(tf.mul(tf.matMul(a, a), b)), [a, b]],
    [() => tf.sum(tf.mul(tf.matMul(a, d), d)), [a]],
    [() => tf.sum(tf.mul(tf.matMul(a, d), e)), [a]],
  ];
  eagerThenReplayed(() => {
    const out: tf.Tensor[] = [];
    for (let round = 0; round < 4; round++) {
      for (const [f, vars] of passes) {
        const { value, grads } = tf.variableGrads(f, vars);
        out.push(value, ...vars.map((v) => grads[v.name]));
      }
    }
    return out;
  }, "six losses, four rounds");
  assert.deepEqual(backwardReplayStats(), { replayed: 12, recorded: 12, eager: 0 }, "each structure recorded twice, then replayed");
  tf.dispose([a, b, d, e]);
});

/** A wasm kernel y = x (a copy) with the registered gradient `gradFunc`, as a test's op. */
function copyOp(name: string, gradFunc: tf.GradConfig["gradFunc"]): (x: tf.Tensor) => tf.Tensor {
  type Heap = { makeOutput(s: number[], d: string): tf.TensorInfo; typedArrayFromHeap(t: tf.TensorInfo): Float32Array };
  tf.registerKernel({
    kernelName: name, backendName: "wasm",
    kernelFunc: ({ inputs, backend }) => {
      const [heap, x] = [backend as unknown as Heap, inputs.x as tf.TensorInfo];
      const out = heap.makeOutput(x.shape.slice(), "float32");
      heap.typedArrayFromHeap(out).set(heap.typedArrayFromHeap(x));
      return out;
    },
  });
  tf.registerGradient({ kernelName: name, gradFunc });
  return (x) => tf.engine().runKernel(name, { x }) as tf.Tensor;
}

test("a customGrad node, a gradient that reads values into JS, and uploads that change run eagerly, with the eager bits", () => {
  const x = variable([5], 3);
  type Custom = Parameters<typeof tf.customGrad>[0];
  const square = tf.customGrad(((v: tf.Tensor, save: tf.GradSaveFunc) => {
    save([v]);
    return { value: tf.square(v), gradFunc: (dy: tf.Tensor, [s]: tf.Tensor[]) => tf.mul(dy, tf.mul(s, 2)) };
  }) as unknown as Custom) as unknown as (v: tf.Tensor) => tf.Tensor;
  const reads = copyOp("DlcourseTestReadsGrad", (dy) => ({ x: () => tf.mul(dy as tf.Tensor, (dy as tf.Tensor).dataSync()[0] > 0 ? 1 : 2) }));
  let draws = 0; // a "random" factor, the same sequence in both runs
  const drawn = copyOp("DlcourseTestDrawsGrad", (dy) => ({ x: () => tf.mul(dy as tf.Tensor, tf.scalar(++draws)) }));
  const cases: [string, (v: tf.Tensor) => tf.Tensor, { replayed: number; recorded: number; eager: number }][] = [
    ["customGrad", square, { replayed: 0, recorded: 0, eager: 4 }],
    ["reads", reads, { replayed: 0, recorded: 1, eager: 3 }],
    ["new uploads", drawn, { replayed: 0, recorded: 3, eager: 1 }],
  ];
  for (const [what, op, counts] of cases) {
    eagerThenReplayed(() => {
      draws = 0;
      return Array.from({ length: 4 }, () => tf.grad((v: tf.Tensor) => tf.sum(op(v)))(x));
    }, what);
    assert.deepEqual(backwardReplayStats(), counts, what);
  }
  x.dispose();
});

test("tf.profile lists the same kernels with the replayer on (a profiled pass runs eagerly)", async () => {
  const w = variable([3, 3], 4);
  const f = () => tf.sum(tf.relu(tf.matMul(w, w))) as tf.Scalar;
  forgetBackwardPasses();
  for (let i = 0; i < 3; i++) tf.dispose(tf.variableGrads(f, [w]).grads);
  assert.equal(backwardReplayStats().replayed, 1, "settled before profiling");
  const names = async () => {
    const info = await tf.profile(() => {
      const { value, grads } = tf.variableGrads(f, [w]);
      tf.dispose(Object.values(grads));
      return value;
    });
    tf.dispose(info.result as tf.Tensor);
    return info.kernels.map((k) => k.name);
  };
  const on = await names();
  backwardReplay.uninstall();
  const off = await names();
  backwardReplay.install();
  assert.deepEqual(on, off);
  assert.ok(on.filter((n) => n === "BatchMatMul").length >= 3, `backward matrix products listed: ${on.join(" ")}`);
  w.dispose();
});

test("a gradient of a gradient: the inner backward pass, on the outer tape, is not replayed", () => {
  const w = variable([3, 3], 5);
  eagerThenReplayed(() => Array.from({ length: 4 }, () =>
    tf.grad((v: tf.Tensor) => tf.sum(tf.grad((u: tf.Tensor) => tf.sum(tf.mul(u, tf.mul(u, u))))(v)))(w)), "second derivative");
  const s = backwardReplayStats();
  assert.equal(s.replayed + s.recorded + s.eager, 4, "only the outer passes come here");
  w.dispose();
});
