import { test } from "node:test";
import assert from "node:assert/strict";
import { metrics, ready, tf } from "dlcourse";

test.before(() => ready());

test("binaryAccuracy is metrics.accuracy of the scores cut at the threshold (a score equal to it is class 1)", () => {
  const yTrue = [1, 0, 1, 0, 1];
  const scores = [0.9, 0.4, 0.3, 0.5, 0.5];
  assert.equal(metrics.binaryAccuracy(yTrue, scores), 3 / 5);
  assert.equal(metrics.binaryAccuracy(yTrue, scores), metrics.accuracy(yTrue, scores.map((s) => (s >= 0.5 ? 1 : 0))));
  assert.equal(metrics.binaryAccuracy(yTrue, scores, { threshold: 0.2 }), 3 / 5);
  assert.equal(metrics.binaryAccuracy(yTrue, tf.tensor1d(scores), { threshold: 0.95 }), 2 / 5);
});

test("binaryAccuracy names itself on bad input", () => {
  assert.throws(() => metrics.binaryAccuracy([1, 0], [0.5]), /metrics\.binaryAccuracy/);
  assert.throws(() => metrics.binaryAccuracy([1], [0.5], { threshold: NaN }), /metrics\.binaryAccuracy: expected a finite threshold/);
});
