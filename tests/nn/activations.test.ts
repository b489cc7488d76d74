import { test } from "node:test";
import assert from "node:assert/strict";
import { nn, ready, tf } from "dlcourse";
import { assertClose, fixture, noLeaks } from "../helpers/tensors";

const ref = fixture("nn", "nn.json").activations;
const ACTS: Record<string, nn.Activation> = {
  sigmoid: nn.sigmoid, tanh: nn.tanh, relu: nn.relu, "leakyRelu(0.2)": nn.leakyRelu(0.2), "elu(1.5)": nn.elu(1.5),
};
test.before(() => ready());

for (const [name, r] of Object.entries<any>(ref.cases)) {
  test(`${name} and its derivative match PyTorch's autograd, x = 0 and saturation included`, async () => {
    await noLeaks(() => {
      const act = ACTS[name];
      assert.equal(act.name, name);
      const x = tf.tensor(ref.x);
      const { out, cache } = nn.activationForward(x, act);
      assertClose(out, r.y, `${name}(x)`, { rtol: 1e-6, atol: 1e-7 });
      const ones = tf.onesLike(x);
      const { dx } = nn.activationBackward(ones, cache);
      assertClose(dx, r.grad, `${name}'(x)`, { rtol: 1e-6, atol: 1e-7 });
      tf.dispose([x, out, ones, dx]);
      nn.disposeCache(cache);
    });
  });
}

for (const [name, r] of Object.entries<any>(ref.cases)) {
  test(`${name}: tf.grad through fn gives PyTorch's autograd derivative and chain rule, x = 0 included`, async () => {
    await noLeaks(() => {
      const act = ACTS[name];
      const x = tf.tensor(ref.x);
      const dout = tf.tensor(ref.dout);
      const grad = tf.grad((t: tf.Tensor) => tf.sum(act.fn(t)))(x);
      assertClose(grad, r.grad, `d sum ${name}(x) / dx`, { rtol: 1e-6, atol: 1e-7 });
      // dy * f'(x) with a non-constant dy, and through an op before and after the activation
      const vjp = tf.grad((t: tf.Tensor) => act.fn(tf.mul(t, 1)))(x, dout);
      assertClose(vjp, r.vjp, `vjp of ${name}`, { rtol: 1e-6, atol: 1e-7 });
      const [g2] = tf.grads((t: tf.Tensor) => tf.sum(tf.mul(act.fn(t), dout)))([x]);
      assertClose(g2, r.vjp, `grads of ${name}`, { rtol: 1e-6, atol: 1e-7 });
      tf.dispose([x, dout, grad, vjp, g2]);
    });
  });
}

test("activation parameters are checked", () => {
  assert.throws(() => nn.leakyRelu(1), /nn\.leakyRelu: expected alpha in \[0, 1\), got 1/);
  assert.throws(() => nn.elu(0), /nn\.elu: expected alpha > 0, got 0/);
  const { cache, out } = nn.activationForward([[1, 2]], nn.relu);
  assert.throws(() => nn.activationBackward(tf.zeros([2, 1]), cache), /nn\.activationBackward: expected dout and x of the same shape, got \[2, 1\] and \[1, 2\]/);
  nn.disposeCache(cache);
  out.dispose();
});

test("activationStats reports dead ReLUs, zeros and saturation per layer", async () => {
  await noLeaks(() => {
    // unit 0 dead (never > 0), unit 1 alive once, unit 2 always alive
    const h1 = tf.tensor([[0, 0, 1], [0, 2, 3], [0, 0, 5], [0, 0, 7]]);
    const h2 = tf.tensor([[0.995, -0.999], [0.5, -0.2]]);
    const [s1, s2] = nn.activationStats({ h1, h2 });
    assert.equal(s1.name, "h1");
    assert.equal(s1.deadFraction, 1 / 3);
    assert.equal(s1.zeroFraction, 7 / 12);
    assert.equal(s1.max, 7);
    assert.ok(Math.abs(s1.mean - 18 / 12) < 1e-12);
    assert.equal(s2.saturatedFraction, 0.5);
    assert.equal(s2.deadFraction, 0);
    const [anon] = nn.activationStats([h1]);
    assert.equal(anon.name, "layer 1");
    assert.throws(() => tf.tidy(() => void nn.activationStats({ bad: tf.zeros([2]) } as never)), /nn\.activationStats: expected bad as a tensor \[N, M\], got \[2\]/);
    tf.dispose([h1, h2]);
  });
});
