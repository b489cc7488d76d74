import { test } from "node:test";
import assert from "node:assert/strict";
import { optim } from "dlcourse";

test("stepLengths: Euclidean length of every step of a path", () => {
  assert.deepEqual(optim.stepLengths([[0, 0], [3, 4], [3, 5]]), [5, 1]);
  assert.deepEqual(optim.stepLengths([[1], [-1], [-1.5]]), [2, 0.5]);
  assert.deepEqual(optim.stepLengths([[1, 2, 3]]), []);
});

test("stepLengths names itself on ragged or non-finite paths", () => {
  assert.throws(() => optim.stepLengths([[0, 0], [1]]), /optim\.stepLengths: expected every point with 2 coordinates, got 1 at index 1/);
  assert.throws(() => optim.stepLengths([[0], [NaN]]), /optim\.stepLengths: expected finite coordinates, got NaN at path\[1\]\[0\]/);
});
