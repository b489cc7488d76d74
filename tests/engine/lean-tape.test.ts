import { test } from "node:test";
import assert from "node:assert/strict";
import { ready, tf, losses } from "dlcourse";
import { assertSameBits } from "../helpers/tensors";
import { leanTape, filterTape } from "../../lib/engine/lean-tape";

test.before(() => ready({ backend: "wasm" }));
test.after(() => leanTape.install()); // the state ready() leaves

/** Runs `compute` with tfjs's engine.gradients, then with ours; same tensors kept, same bits (null where tfjs gives none). */
function assertSame(compute: () => (tf.Tensor | null | undefined)[], what: string): void {
  leanTape.uninstall();
  const start = tf.memory().numTensors;
  const expected = compute();
  const theirs = tf.memory().numTensors - start;
  assert.equal(leanTape.install(), true);
  const before = tf.memory().numTensors;
  const got = compute();
  assert.equal(tf.memory().numTensors - before, theirs, `${what}: the same tensors stay`);
  assert.equal(got.length, expected.length, what);
  got.forEach((g, i) => {
    const e = expected[i];
    if (e == null || g == null) return assert.equal(g, e, `${what}: result ${i}`);
    assertSameBits(g, e, `${what}: result ${i}`);
  });
  tf.dispose([...got, ...expected].filter((t): t is tf.Tensor => t != null));
}

test("the spiral's lecture step: loss and every variable's gradient give tfjs's bits", () => {
  const x = tf.randomNormal([40, 2], 0, 1, "float32", 1);
  const y = tf.tensor1d(Array.from({ length: 40 }, (_, i) => i % 3), "int32");
  const vars = [[2, 8], [8, 8], [8, 3]].flatMap(([i, o], k) => [tf.variable(tf.randomNormal([i, o], 0, 1, "float32", 10 + k)), tf.variable(tf.randomNormal([o], 0, 1, "float32", 20 + k))]);
  const f = () => {
    let h: tf.Tensor = x;
    for (let k = 0; k < 3; k++) {
      h = tf.add(tf.matMul(h, vars[2 * k]), vars[2 * k + 1]);
      if (k < 2) h = tf.relu(h);
    }
    return tf.add(losses.crossEntropy(y, h), tf.mul(tf.addN([0, 2, 4].map((k) => tf.norm(vars[k]))), 0.01)) as tf.Scalar;
  };
  assertSame(() => {
    const { value, grads } = tf.variableGrads(f, vars);
    return [value, ...vars.map((v) => grads[v.name])];
  }, "lecture step");
  tf.dispose([x, y, ...vars]);
});

test("one tensor used three times sums its gradients in tfjs's order; inputs not from the xs and unused variables are pruned as tfjs does", () => {
  // Magnitudes over many orders, so that another order of the adds would show in the last bits.
  const a = tf.variable(tf.tidy(() => tf.mul(tf.randomNormal([6, 5], 0, 1, "float32", 3), tf.exp(tf.randomUniform([6, 5], -8, 8, "float32", 4)))));
  const b = tf.variable(tf.randomNormal([6, 5], 0, 1, "float32", 5));
  const unused = tf.variable(tf.randomNormal([6, 5], 0, 1, "float32", 6));
  const c = tf.randomNormal([6, 5], 0, 1, "float32", 7);
  const k = tf.scalar(3, "int32");
  // A gradient for k would be int32, which tfjs refuses: it must never be asked for (k is not from the xs).
  const scaleBy = tf.customGrad(((x: tf.Tensor, by: tf.Tensor) => ({
    value: tf.mul(x, tf.cast(by, "float32")),
    gradFunc: (dy: tf.Tensor) => [tf.mul(dy, tf.cast(by, "float32")), tf.zerosLike(by)],
  })) as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as (x: tf.Tensor, by: tf.Tensor) => tf.Tensor;
  const f = () => {
    const side = tf.exp(unused); // leads nowhere: not on a path to the result
    side.dispose();
    const terms = tf.add(tf.mul(tf.sin(a), tf.square(a)), tf.mul(tf.cos(a), tf.add(b, c)));
    return tf.sum(scaleBy(terms, k)) as tf.Scalar;
  };
  assertSame(() => {
    const { value, grads } = tf.variableGrads(f, [a, b, unused]);
    return [value, grads[a.name], grads[b.name], grads[unused.name]];
  }, "tf.variableGrads, one variable unused");
  assertSame(() => [tf.grad((u: tf.Tensor) => tf.grad((v: tf.Tensor) => tf.sum(tf.mul(tf.square(v), v)))(u))(a)], "a gradient of a gradient");
  const dy = tf.randomNormal([6, 5], 0, 1, "float32", 8);
  assertSame(() => [tf.grad((u: tf.Tensor) => tf.mul(u, 2))(a, dy)], "with a given dy");
  tf.dispose([a, b, unused, c, k, dy]);
});

test("the same errors as tfjs: no path to the result, an int32 dy, a non-tensor result", () => {
  const x = tf.scalar(2);
  const message = (f: () => unknown): string => {
    try {
      f();
    } catch (e) {
      return (e as Error).message;
    }
    return "";
  };
  const messages = (f: () => unknown) => {
    leanTape.uninstall();
    const theirs = message(f);
    leanTape.install();
    assert.ok(theirs.length > 0, "tfjs throws");
    assert.equal(message(f), theirs);
  };
  messages(() => tf.grad(() => tf.scalar(3))(x));
  messages(() => tf.grad((u: tf.Tensor) => tf.mul(u, 2))(x, tf.scalar(1, "int32")));
  messages(() => tf.engine().gradients(() => 3 as unknown as tf.Tensor, [x]));
  x.dispose();
});

test("the filter keeps the nodes from xs to y in tape order, with only their inputs that come from xs", () => {
  const t = (id: number) => ({ id }) as tf.Tensor;
  const node = (id: number, inputs: Record<string, tf.Tensor>, outputs: tf.Tensor[]) => ({ id, kernelName: `k${id}`, inputs, outputs });
  // x(1) -> n1 -> 2; c(9) + 2 -> n2 -> 3; 3 -> n3 -> 4 (not used by y); 2 -> n4 -> 5 = y; c -> n5 -> 6
  const tape = [node(1, { x: t(1) }, [t(2)]), node(2, { a: t(9), b: t(2) }, [t(3)]), node(3, { x: t(3) }, [t(4)]), node(4, { p: t(3), q: t(2) }, [t(5)]), node(5, { x: t(9) }, [t(6)])];
  const got = filterTape(tape, [t(1)], t(5));
  assert.deepEqual(got.map((n) => n.id), [1, 2, 4]);
  assert.deepEqual(Object.keys(got[1].inputs), ["b"], "the constant input is pruned");
  assert.deepEqual(Object.keys(got[2].inputs), ["p", "q"]);
  assert.deepEqual(Object.keys(tape[1].inputs), ["a", "b"], "the tape itself is unchanged");
});
