import { test } from "node:test";
import assert from "node:assert/strict";
import { ready, tf } from "dlcourse";
import { leanEndScopeOp } from "../../lib/engine/lean-end-scope";

test.before(() => ready({ backend: "wasm" }));
test.after(() => leanEndScopeOp.install()); // the state ready() leaves

/** Runs `f` with tfjs's endScope, then with ours: the tensors left alive after each must be as many. */
function sameTensorsLeft(f: () => tf.Tensor[], what: string): void {
  const run = () => {
    const before = tf.memory().numTensors;
    const kept = f();
    const left = tf.memory().numTensors - before;
    const alive = kept.map((t) => !t.isDisposed);
    tf.dispose(kept);
    return { left, alive };
  };
  leanEndScopeOp.uninstall();
  const own = run();
  assert.equal(leanEndScopeOp.install(), true);
  assert.deepEqual(run(), own, what);
}

test("is installed by ready() on wasm", () => assert.equal(leanEndScopeOp.installed(), true));

test("ops and tidies that return one tensor leave what tfjs's endScope leaves", () => {
  const x = tf.tensor2d([[1, -2], [3, 4]]);
  sameTensorsLeft(() => [tf.tidy(() => tf.relu(tf.add(tf.matMul(x, x), 1)))], "a tidy over three ops");
  sameTensorsLeft(() => [tf.tidy(() => tf.tidy(() => tf.mul(x, 2)))], "nested tidies");
  sameTensorsLeft(() => {
    let kept: tf.Tensor | null = null;
    const out = tf.tidy(() => {
      kept = tf.keep(tf.neg(x));
      return tf.abs(x);
    });
    return [out, kept!];
  }, "a kept tensor survives its scope");
  sameTensorsLeft(() => {
    const y = tf.scalar(5);
    return [tf.tidy(() => y)];
  }, "a tidy returning a tensor made outside");
  x.dispose();
});

test("a tensor returned by an inner scope but made further out stays in the scope that made it", () => {
  tf.tidy(() => {
    const x = tf.scalar(1);
    tf.tidy(() => {
      tf.tidy(() => x); // closes a scope returning x, made two scopes out
    });
    assert.equal(x.isDisposed, false, "x disposed with the middle scope");
  });
});

test("other results (arrays, maps, nothing) go to tfjs's endScope", () => {
  const x = tf.scalar(3);
  sameTensorsLeft(() => tf.tidy(() => [tf.add(x, 1), tf.mul(x, 2)]), "an array");
  sameTensorsLeft(() => Object.values(tf.tidy(() => ({ a: tf.add(x, 1), b: tf.mul(x, 2) }))), "a map");
  sameTensorsLeft(() => (tf.tidy(() => { tf.add(x, 1); }), []), "nothing");
  x.dispose();
});
