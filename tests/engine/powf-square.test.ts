import { test } from "node:test";
import assert from "node:assert/strict";
import { ready, tf } from "dlcourse";
import { fastPowfSquare, powfSquare, sumPowfSquares } from "../../lib/engine/powf-square";
import { float32Bits } from "./helpers/float32-bits";

test.before(() => ready({ backend: "wasm" }));

/** Float32 inputs: a stride through all 2^32 bit patterns, plus the edges of each special path. */
function inputs(): Uint32Array {
  return float32Bits([0, 0x80000000, 1, 0x80000001, 0x7fffff, 0x800000, 0x807fffff, 0x1f800000, 0x1fffffff, 0x20000000,
    0x3f330000, 0x3f800000, 0x3fb2ffff, 0x5f7fffff, 0x5f800000, 0x5f800001, 0x7f7fffff, 0x7f800000, 0xff800000,
    0x1a000000, 0x19ffffff, 0x1a800000, 0x197fffff]);
}

test("powfSquare and fastPowfSquare give the wasm Pow kernel's bits (the C library's powf(x, 2)) over a million float32 inputs", () => {
  const bits = inputs();
  const x = new Float32Array(bits.buffer);
  const t = tf.tensor1d(x);
  const p = tf.pow(t, 2);
  const expected = new Uint32Array((p.dataSync() as Float32Array).slice().buffer);
  tf.dispose([t, p]);
  const got = new Float32Array(1), gotBits = new Uint32Array(got.buffer);
  let checked = 0, notSquares = 0;
  for (let i = 0; i < bits.length; i++) {
    if (x[i] !== x[i]) continue; // NaN in, NaN out (payloads are not specified)
    got[0] = powfSquare(x[i], bits[i]);
    assert.equal(gotBits[0], expected[i], `powf(${x[i]}, 2): kernel bits ${expected[i].toString(16)}, got ${gotBits[0].toString(16)}`);
    got[0] = fastPowfSquare(x[i], bits[i]);
    assert.equal(gotBits[0], expected[i], `fastPowfSquare(${x[i]}): kernel bits ${expected[i].toString(16)}, got ${gotBits[0].toString(16)}`);
    got[0] = x[i] * x[i];
    if (gotBits[0] !== expected[i]) notSquares++;
    checked++;
  }
  assert.ok(checked > 1_000_000);
  // The sample tells powf from a plain square: a square would not pass this test, nor a fast
  // path that took the exact square too close to a float32 midpoint.
  assert.ok(notSquares > 100, `inputs where powf(x, 2) is not the rounded x x: ${notSquares}`);
});

test("sumPowfSquares adds in index order in float32, as tfjs's Sum kernel does", () => {
  // 1 + 2^-24 rounds back to 1 in float32, twice; in double, or from the end, the two add up.
  const values = [1, 2 ** -12, -(2 ** -12)];
  const x = Float32Array.from(values);
  const t = tf.tensor1d(x);
  const expected = tf.tidy(() => tf.sum(tf.pow(tf.abs(t), 2)).dataSync()[0]);
  t.dispose();
  assert.equal(sumPowfSquares(x, new Uint32Array(x.buffer)), expected);
  let double = 0;
  for (const v of x) double += powfSquare(v, new Uint32Array(Float32Array.of(v).buffer)[0]);
  assert.notEqual(Math.fround(double), expected, "the values tell a double accumulator from float32 adds");
  const reversed = Float32Array.from(values.reverse());
  assert.notEqual(sumPowfSquares(reversed, new Uint32Array(reversed.buffer)), expected, "the values tell the order of the adds");
  assert.equal(sumPowfSquares(new Float32Array(0), new Uint32Array(0)), 0);
});
