/** What the trusted side accepts from the sandbox before touching it. */
import { test } from "node:test";
import assert from "node:assert/strict";
import v8 from "node:v8";
import { answerTooLarge } from "../../grading/sandbox/answer-size";

test("a sparse array of length 2^32-1 is refused by its declared length, after a few bytes on the wire", () => {
  const a: number[] = [];
  a.length = 2 ** 32 - 1;
  a[7] = 1;
  const wire = v8.serialize(a);
  assert.ok(wire.length < 100, `${wire.length} bytes`);
  assert.match(answerTooLarge(v8.deserialize(wire)) ?? "", /массив длины 4294967295/);
});

test("nested containers count together; Maps, Sets and objects too; cycles end", () => {
  assert.equal(answerTooLarge([[1, 2], [3, 4]], 6), null);
  assert.match(answerTooLarge([[1, 2], [3, 4]], 5) ?? "", /слишком большой/);
  assert.match(answerTooLarge(new Map([[1, 2], [3, 4]]), 1) ?? "", /слишком большой/);
  assert.match(answerTooLarge({ a: new Set([1, 2, 3]) }, 3) ?? "", /слишком большой/);
  const cyc: unknown[] = [1];
  cyc.push(cyc);
  assert.equal(answerTooLarge(cyc, 10), null);
  assert.equal(answerTooLarge(new Float32Array(10), 10), null);
  assert.match(answerTooLarge(new Float32Array(11), 10) ?? "", /слишком большой/);
});

test("ordinary answers pass", () => {
  assert.equal(answerTooLarge({ out: [[1, 2]], cache: { xhat: [[0.1]], gamma: [1] } }), null);
  assert.equal(answerTooLarge(5), null);
  assert.equal(answerTooLarge(null), null);
});
