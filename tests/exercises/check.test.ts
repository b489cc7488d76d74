import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { exercises } from "dlcourse";

const sha = (text: string) => createHash("sha256").update(text).digest("hex");
/** Runs exercises.check with a captured printer; returns the status and the printed lines. */
function run(answer: exercises.AnswerValue | undefined, options: Omit<exercises.CheckOptions, "print">) {
  const lines: string[] = [];
  const status = exercises.check("Упражнение 1", answer, { ...options, print: (l) => lines.push(l) });
  return { status, lines };
}

test("answerHash hashes the canonical text: numbers rounded to digits, strings trimmed and lower-cased", () => {
  assert.equal(exercises.answerHash(0.70833, { digits: 3 }), sha("0.708"));
  assert.equal(exercises.answerHash(50), sha("50"));
  assert.equal(exercises.answerHash(-0.0001, { digits: 2 }), sha("0.00"), "-0 is written as 0");
  assert.equal(exercises.answerHash("  Adam "), sha('"adam"'));
  assert.equal(exercises.answerHash([1, 2]), sha("[1,2]"));
  assert.equal(exercises.answerHash(true), sha("true"));
});

test("a right answer passes, within one unit of the last rounded place", () => {
  const sha256 = exercises.answerHash(0.708, { digits: 3 });
  for (const answer of [0.708, 0.7083, 0.7079, 0.709, 0.707]) {
    const r = run(answer, { sha256, digits: 3 });
    assert.equal(r.status, "right", `answer ${answer}`);
    assert.deepEqual(r.lines, ["Упражнение 1: верно."]);
  }
});

test("a wrong answer is rejected and the right one is never printed", () => {
  const sha256 = exercises.answerHash(0.708, { digits: 3 });
  for (const answer of [0.71, 0.7, 0.5, -0.708]) {
    const r = run(answer, { sha256, digits: 3 });
    assert.equal(r.status, "wrong", `answer ${answer}`);
    assert.deepEqual(r.lines, ["Упражнение 1: неверно, попробуйте ещё раз."]);
    assert.ok(!r.lines.join("").includes("708"));
  }
  assert.equal(run("SGD", { sha256: exercises.answerHash("adam") }).status, "wrong");
  assert.equal(run("ADAM ", { sha256: exercises.answerHash("adam") }).status, "right");
  assert.equal(run([1, 3], { sha256: exercises.answerHash([1, 2]) }).status, "wrong");
});

test("an unanswered exercise (undefined) says so and does not fail", () => {
  const r = run(undefined, { sha256: exercises.answerHash(3) });
  assert.equal(r.status, "unanswered");
  assert.match(r.lines[0], /^Упражнение 1: ответа пока нет/);
});

test("check rejects answers of the wrong type and malformed hashes with a message naming the function", () => {
  const sha256 = exercises.answerHash(3);
  assert.throws(() => run(NaN, { sha256 }), /exercises\.check: expected a finite number.*got the number NaN/);
  assert.throws(() => run({} as unknown as number, { sha256 }), /exercises\.check: expected .* got an object/);
  assert.throws(() => run(3, { sha256: "abc" }), /exercises\.check: options\.sha256 must be 64 lowercase hex characters/);
  assert.throws(() => exercises.answerHash(Infinity), /exercises\.answerHash: expected a finite number/);
});
