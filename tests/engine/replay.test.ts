// lib/engine/replay: a recorded tape replayed on the backend's kernels gives exactly the eager
// results (reshaped views of one buffer, array inputs, several outputs, a returned view), frees
// every intermediate, and cleans up when a kernel returns another shape than recorded.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ready, tf, type BackendName } from "dlcourse";
import { recordKernels, preparePlayer, replay, tapeDifference, disposeTape, ReplayMismatch } from "../../lib/engine/replay";

/** Exercises views (reshape), an array input (addN), a 3-output kernel (split), a returned reshape and returned copies of an argument (clone, cast to its own dtype). */
function program(a: tf.Tensor, b: tf.Tensor): tf.Tensor[] {
  return tf.tidy(() => {
    const flat = tf.reshape(a, [6]);
    const [p, q, r] = tf.split(flat, 3);
    const s = tf.addN([p, q, r, tf.mul(tf.reshape(b, [2]), 0.5)]);
    return [tf.sum(tf.square(s)), tf.reshape(s, [1, 2]), tf.relu(tf.sub(a, 1)), tf.cast(tf.clone(b), "float32")];
  });
}

const numDataIds = () => (tf.backend() as unknown as { numDataIds(): number }).numDataIds();

for (const backend of ["wasm", "cpu"] as BackendName[]) {
  test(`replay on ${backend}: the eager results, bit for bit, with nothing left behind`, async () => {
    await ready({ backend });
    const a = tf.tensor2d([[1, -2, 3], [4, 5, -6]]);
    const b = tf.tensor2d([[0.5], [-1.5]]);
    const [tensors, buffers] = [tf.memory().numTensors, numDataIds()];
    const { result, tape } = recordKernels(() => program(a, b), [a, b], (r) => r);
    const player = preparePlayer(tape)!;
    const a2 = tf.tensor2d([[0.25, 7, -3], [2, -5, 6]]);
    const b2 = tf.tensor2d([[3], [1]]);
    const replayed = replay(player, [a2, b2]);
    const eager = program(a2, b2);
    replayed.forEach((t, i) => {
      assert.deepEqual(t.shape, eager[i].shape, `output ${i} shape`);
      assert.deepEqual(Array.from(t.dataSync()), Array.from(eager[i].dataSync()), `output ${i}`);
    });
    tf.dispose([...result, ...replayed, ...eager, a2, b2]);
    disposeTape(tape);
    assert.equal(tf.memory().numTensors, tensors, "tensors leaked");
    assert.equal(numDataIds(), buffers, "backend buffers leaked");
    tf.dispose([a, b]);
  });
}

test("replay: another argument shape, or a kernel returning another shape than recorded, throws ReplayMismatch and frees what it made", async () => {
  await ready();
  const a = tf.tensor2d([[1, 2], [3, 4]]);
  const step = (x: tf.Tensor) => tf.tidy(() => [tf.sum(tf.exp(tf.mul(x, 2)))]);
  const { result, tape } = recordKernels(() => step(a), [a], (r) => r);
  const player = preparePlayer(tape)!;
  const wrong = tf.tensor2d([[1, 2, 3]]);
  const [tensors, buffers] = [tf.memory().numTensors, numDataIds()];
  const mismatch = (re: RegExp) => (e: unknown) => e instanceof ReplayMismatch && re.test((e as Error).message);
  assert.throws(() => replay(player, [wrong]), mismatch(/argument 0 is float32 \[1,3\], recorded float32 \[2,2\]/));
  // A data-dependent shape, simulated: the tape expects Exp to return [9].
  player.steps[1].outputShapes = [[9]];
  assert.throws(() => replay(player, [a]), mismatch(/output shape depends on the data: Exp returned shape \[2,2\], recorded \[9\]/));
  assert.equal(tf.memory().numTensors, tensors);
  assert.equal(numDataIds(), buffers, "backend buffers leaked");
  tf.dispose([a, wrong, ...result]);
  disposeTape(tape);
});

test("tapeDifference: the same program twice is the same tape; a fresh random draw is not", async () => {
  await ready();
  const a = tf.tensor1d([1, 2, 3]);
  const record = (f: () => tf.Tensor) => recordKernels(() => [tf.tidy(f)], [], (r) => r);
  const fixed = () => tf.mul(a, tf.tensor1d([2, 2, 2]));
  const random = () => tf.mul(a, tf.randomUniform([3]));
  const [f1, f2, r1, r2] = [record(fixed), record(fixed), record(random), record(random)];
  assert.equal(tapeDifference(f1.tape, f2.tape), null);
  assert.match(tapeDifference(r1.tape, r2.tape)!, /a tensor created inside the step \(shape \[3\]\) has new values at each call/);
  assert.match(tapeDifference(f1.tape, record(() => tf.add(a, 1)).tape)!, /kernel 0 differs \(Multiply vs Add/);
  for (const r of [f1, f2, r1, r2]) {
    disposeTape(r.tape);
    tf.dispose(r.result);
  }
  a.dispose();
});
