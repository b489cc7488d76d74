import { test } from "node:test";
import assert from "node:assert/strict";
import { ready, tf } from "dlcourse";
import { expf, logf } from "../../lib/engine/expf-logf";
import { float32Bits } from "./helpers/float32-bits";

test.before(() => ready({ backend: "wasm" }));

/** Float32 inputs: a stride through all 2^32 bit patterns, plus the edges of each special path. */
function inputs(): Uint32Array {
  return float32Bits([0, 0x80000000, 1, 0x80000001, 0x7fffff, 0x800000, 0x807fffff, 0x3f800000, 0xbf800000, 0x3f330000, 0x3fb30000,
    0x42b00000, 0x42b17217, 0x42b17218, 0x42b17219, 0xc2cff1b4, 0xc2cff1b5, 0xc2cff1b3, 0xc2b00000, 0x7f7fffff, 0xff7fffff,
    0x7f800000, 0xff800000, 0x7fc00000, 0x33800000, 0xb3800000,
    0x7d020875]); // the last: where Math.log rounded to float32 differs from logf (bench/expf-logf-exact.ts)
}

/** Checks `port` against the wasm kernel `op` for every input; returns how often `Math.<native>` rounded to float32 differs from the kernel. */
function compare(name: string, op: (t: tf.Tensor) => tf.Tensor, port: (x: number) => number, native: (x: number) => number): number {
  const bits = inputs();
  const x = new Float32Array(bits.buffer);
  const t = tf.tensor1d(x);
  const k = op(t);
  const expected = (k.dataSync() as Float32Array).slice();
  tf.dispose([t, k]);
  const got = new Float32Array(1), gotBits = new Uint32Array(got.buffer), want = new Uint32Array(expected.buffer);
  let checked = 0, nativeDiffers = 0;
  for (let i = 0; i < bits.length; i++) {
    got[0] = port(x[i]);
    if (expected[i] !== expected[i]) {
      assert.ok(got[0] !== got[0], `${name}(${x[i]}): the kernel gives NaN, the port ${got[0]}`); // payloads are not specified
      checked++;
      continue;
    }
    assert.equal(gotBits[0], want[i], `${name}(${x[i]}) (bits ${bits[i].toString(16)}): kernel ${expected[i]}, port ${got[0]}`);
    got[0] = native(x[i]);
    if (gotBits[0] !== want[i]) nativeDiffers++;
    checked++;
  }
  assert.ok(checked > 1_000_000);
  return nativeDiffers;
}

test("expf gives the wasm Exp kernel's bits (the C library's expf) over a million float32 inputs", () => {
  const differs = compare("expf", tf.exp, expf, Math.exp);
  // The sample tells the C library's expf from JS's Math.exp rounded to float32 (and logf from Math.log: an edge input).
  assert.ok(differs > 0, `inputs where Math.exp differs from the kernel: ${differs}`);
});

test("logf gives the wasm Log kernel's bits (the C library's logf) over a million float32 inputs", () => {
  const differs = compare("logf", tf.log, logf, Math.log);
  assert.ok(differs > 0, `inputs where Math.log differs from the kernel: ${differs}`);
});

test("the special values", () => {
  assert.equal(expf(0), 1);
  assert.equal(expf(-Infinity), 0);
  assert.equal(expf(Infinity), Infinity);
  assert.equal(expf(89), Infinity);
  assert.equal(expf(-104), 0);
  assert.ok(Number.isNaN(expf(NaN)));
  assert.equal(logf(1), 0);
  assert.equal(logf(0), -Infinity);
  assert.equal(logf(-0), -Infinity);
  assert.equal(logf(Infinity), Infinity);
  assert.ok(Number.isNaN(logf(-1)));
  assert.ok(Number.isNaN(logf(-Infinity)));
  assert.ok(Number.isNaN(logf(NaN)));
});
