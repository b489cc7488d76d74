// lib/optim/update-hook.ts: the one place where a faster update plugs into the optimizers. A
// registered fast step runs instead of the class's own update, a null falls back to it, a
// subclass without its own className never gets its parent's, and useFusedUpdates switches it off.
import { test } from "node:test";
import assert from "node:assert/strict";
import { optim, ready, tf } from "dlcourse";
import { fastUpdateFor, registerFastUpdate, type FastUpdate } from "../../lib/optim/update-hook";

class Plain extends optim.TorchOptimizer<optim.BaseOptions> {
  static get className(): string {
    return "test.Plain";
  }
  protected readonly slots = [];
  constructor() {
    super("test.Plain", {}, { lr: 0.5, maximize: false }, {});
  }
  protected update(w: tf.Tensor, g: tf.Tensor): tf.Tensor {
    return tf.sub(w, tf.mul(g, this.lr));
  }
}
class Child extends Plain {}

function step(opt: tf.Optimizer): number[] {
  const w = tf.variable(tf.tensor1d([1, 2]));
  opt.applyGradients({ [w.name]: tf.tensor1d([1, 1]) });
  const out = Array.from(w.dataSync());
  w.dispose();
  return out;
}

test("a registered fast update replaces the class's update; null falls back to it", async () => {
  await ready();
  let answer: "double" | "fallback" = "double";
  const fast: FastUpdate<optim.BaseOptions> = (o, w, g) => (answer === "double" ? tf.sub(w, tf.mul(g, 2 * o.lr)) : null);
  registerFastUpdate("test.Plain", fast);
  assert.deepEqual(step(new Plain()), [0, 1], "the fast step ran (2 * lr)");
  answer = "fallback";
  assert.deepEqual(step(new Plain()), [0.5, 1.5], "the class's own update ran");
});

test("a subclass without its own className gets no fast update; useFusedUpdates(false) turns every one off", () => {
  registerFastUpdate("test.Plain", () => null);
  assert.equal(fastUpdateFor(Child), undefined);
  assert.notEqual(fastUpdateFor(Plain), undefined);
  const was = optim.useFusedUpdates(false);
  try {
    assert.equal(fastUpdateFor(Plain), undefined);
  } finally {
    optim.useFusedUpdates(was);
  }
});
