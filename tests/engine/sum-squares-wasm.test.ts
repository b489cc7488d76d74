import { test } from "node:test";
import assert from "node:assert/strict";
import { powfSquare, sumPowfSquares } from "../../lib/engine/powf-square";
import { powfSquaresOnHeap, sumPowfSquaresOnHeap, sumSquaresModuleBytes, type Heap, type SumSquaresKernels } from "../../lib/engine/sum-squares-wasm";
import { float32Bits } from "./helpers/float32-bits";

interface Wasm {
  Memory: new (d: { initial: number }) => { buffer: ArrayBuffer };
  Module: new (b: Uint8Array) => object;
  Instance: new (m: object, i: object) => { exports: object };
}
const WA = (globalThis as unknown as { WebAssembly: Wasm }).WebAssembly;

/** The module on a memory of its own, `values` at byte 0, and a bump allocator after them. */
function instance(values: Uint32Array): { k: SumSquaresKernels; heap: Heap } {
  const memory = new WA.Memory({ initial: Math.ceil((values.length * 20) / 65536) + 1 });
  new Uint32Array(memory.buffer).set(values);
  // A bump allocator: blocks after the values, all released when the last one is freed.
  let top = 4 * values.length, live = 0;
  const heap: Heap = { buffer: () => memory.buffer, malloc: (bytes) => ((live += 1), (top += bytes), top - bytes), free: () => (--live === 0 ? (top = 4 * values.length) : 0) };
  const k = new WA.Instance(new WA.Module(sumSquaresModuleBytes(false)), { env: { memory } }).exports as SumSquaresKernels;
  return { k, heap };
}

/** A stride through all 2^32 float32 bit patterns (NaN included), plus zeros, subnormals and infinities. */
function inputs(): Uint32Array {
  return float32Bits([0, 0x80000000, 1, 0x80000001, 0x7fffff, 0x800000, 0x1f800000, 0x20000000, 0x5f7fffff, 0x5f800000, 0x7f7fffff, 0x7f800000, 0xff800000, 0x7fc00000]);
}

test("each square is powf(x, 2)'s float32, the fast path's or the library's (a million inputs)", () => {
  const bits = inputs();
  const x = new Float32Array(bits.buffer);
  const { k, heap } = instance(bits);
  const out = heap.malloc(4 * bits.length);
  powfSquaresOnHeap(k, heap, 0, out, bits.length);
  const got = new Float32Array(heap.buffer(), out, bits.length), gotBits = new Uint32Array(heap.buffer(), out, bits.length);
  const want = new Float32Array(1), wantBits = new Uint32Array(want.buffer);
  for (let i = 0; i < bits.length; i++) {
    want[0] = powfSquare(x[i], bits[i]);
    if (want[0] !== want[0]) assert.ok(got[i] !== got[i], `NaN in, ${got[i]} out`);
    else assert.equal(gotBits[i], wantBits[0], `x = ${x[i]} (bits ${bits[i].toString(16)}): ${got[i]} vs ${want[0]}`);
  }
  // The library's path runs where it must: for squares out of the normal range (|x| outside
  // [2^-62, 2^63): half of all bit patterns), and for the few near a float32 midpoint.
  const vectors = bits.length - (bits.length % 4);
  const count = k.squares(0, out, heap.malloc(4 * vectors), vectors);
  const outside = bits.subarray(0, vectors).filter((b) => (b & 0x7fffffff) < (65 << 23) || (b & 0x7fffffff) >= (190 << 23)).length;
  const near = count - outside;
  assert.ok(near > 100 && near < 0.05 * (vectors - outside), `near-midpoint squares left to powf: ${near} of ${vectors - outside}`);
});

test("sums add in index order in float32: the JS sum's bits", () => {
  // Weights-like values, and the order-sensitive triple of powf-square.test.ts.
  const values = Float32Array.from({ length: 2503 }, (_, i) => Math.sin(i * 12.9898) * 0.3);
  values.set([1, 2 ** -12, -(2 ** -12)], 100);
  const bits = new Uint32Array(values.buffer);
  const { k, heap } = instance(bits);
  for (const [from, n] of [[0, 2503], [100, 3], [7, 0], [1000, 1503], [1, 1]]) {
    const js = sumPowfSquares(values.subarray(from, from + n), bits.subarray(from, from + n));
    assert.equal(sumPowfSquaresOnHeap(k, heap, 4 * from, n), js, `[${from}, ${from + n})`);
  }
});
