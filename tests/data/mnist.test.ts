import { test } from "node:test";
import assert from "node:assert/strict";
import { ready, tf, data } from "dlcourse";

test("loadMnist: seeded split of the package's 10,000 digits, pixels in [0, 1]", async () => {
  await ready();
  const before = tf.memory().numTensors;
  const { train, test: held } = data.loadMnist({ count: 1000, testFraction: 0.25, seed: 3 });
  assert.deepEqual(train.x.shape, [750, 784]);
  assert.deepEqual(held.y.shape, [250]);
  assert.equal(train.y.dtype, "int32");
  const [min, max] = tf.tidy(() => [train.x.min().dataSync()[0], train.x.max().dataSync()[0]]);
  assert.ok(min >= 0 && max <= 1 && max > 0.9, `pixel range ${min}..${max}`);
  const counts = tf.tidy(() => tf.oneHot(train.y, 10).sum(0).arraySync() as number[]);
  assert.ok(counts.every((c) => c > 40), `every digit present after shuffling: ${counts}`);
  const again = data.loadMnist({ count: 1000, testFraction: 0.25, seed: 3 });
  assert.deepEqual(again.train.y.arraySync(), train.y.arraySync(), "same seed, same split");
  const other = data.loadMnist({ count: 1000, testFraction: 0.25, seed: 4 });
  assert.notDeepEqual(other.train.y.arraySync(), train.y.arraySync(), "another seed, another split");
  for (const part of [train, held, again.train, again.test, other.train, other.test]) tf.dispose([part.x, part.y]);
  assert.equal(tf.memory().numTensors, before);
});

test("loadMnist: all 10,000 digits, about a thousand of each", async () => {
  await ready();
  const { train, test: held } = data.loadMnist({ testFraction: 0 });
  assert.equal(train.y.shape[0], 10000);
  assert.equal(held.y.shape[0], 0);
  const counts = tf.tidy(() => tf.oneHot(train.y, 10).sum(0).arraySync() as number[]);
  assert.deepEqual(counts, [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]);
  tf.dispose([train.x, train.y, held.x, held.y]);
});

test("loadMnist: bad options name the option", () => {
  assert.throws(() => data.loadMnist({ count: 0 }), /loadMnist: expected count an integer in 1..10000, got 0/);
  assert.throws(() => data.loadMnist({ testFraction: 1 }), /loadMnist: expected testFraction in \[0, 1\), got 1/);
});
