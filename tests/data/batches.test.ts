import { test } from "node:test";
import assert from "node:assert/strict";
import { data } from "dlcourse";

test("seededRng is reproducible, in [0, 1), and seeds differ", () => {
  const a = data.seededRng(42);
  const b = data.seededRng(42);
  const xs = Array.from({ length: 1000 }, () => a());
  assert.deepEqual(Array.from({ length: 1000 }, () => b()), xs);
  assert.ok(xs.every((x) => x >= 0 && x < 1));
  assert.notEqual(data.seededRng(43)(), data.seededRng(42)());
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  assert.ok(Math.abs(mean - 0.5) < 0.05, `mean ${mean}`);
  assert.throws(() => data.seededRng(0.5), /seededRng: expected an integer seed, got 0.5/);
});

test("randomBatch draws B indices in [0, N) with replacement, reproducibly", () => {
  const ix = data.randomBatch(10, 1000, data.seededRng(1));
  assert.equal(ix.length, 1000);
  assert.ok(ix.every((i) => i >= 0 && i < 10));
  assert.equal(new Set(ix).size, 10); // all rows show up, some many times
  assert.deepEqual(data.randomBatch(10, 1000, data.seededRng(1)), ix);
  assert.throws(() => data.randomBatch(0, 5, data.seededRng(1)), /randomBatch: expected n \(number of rows\) an integer >= 1, got 0/);
});

test("epochBatches covers every row once; shuffling is seeded; the last batch is short", () => {
  const batches = data.epochBatches(10, { batchSize: 4, seed: 3 });
  assert.deepEqual(batches.map((b) => b.length), [4, 4, 2]);
  const all = batches.flatMap((b) => [...b]);
  assert.deepEqual([...all].sort((x, y) => x - y), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  assert.notDeepEqual(all, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  assert.deepEqual(data.epochBatches(10, { batchSize: 4, seed: 3 }), batches);
  assert.deepEqual(data.epochBatches(5, { batchSize: 2, shuffle: false }).map((b) => [...b]), [[0, 1], [2, 3], [4]]);
  assert.throws(() => data.epochBatches(5, { batchSize: 0 }), /epochBatches: expected batchSize an integer >= 1, got 0/);
});
