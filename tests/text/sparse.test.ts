import { test } from "node:test";
import assert from "node:assert/strict";
import { text, tf, data, ready } from "dlcourse";

// 3 x 4 matrix [[1, 0, 2, 0], [0, 0, 0, 0], [0, 3, 0, 4]] in CSR form.
const m: text.SparseMatrix = text.sparseFromRows([new Map([[0, 1], [2, 2]]), new Map(), new Map([[1, 3], [3, 4]])], 4);

/** A "generator" replaying fixed draws, counting the calls. */
function replay(draws: number[]): { random: () => number; calls: () => number } {
  let i = 0;
  return { random: () => draws[i++ % draws.length], calls: () => i };
}

test("input dropout on the non-zeros: one draw per non-zero, kept ones scaled by 1/(1-p)", async () => {
  await ready();
  const before = tf.memory().numTensors;
  const r = replay([0.1, 0.9, 0.6, 0.3]);
  // rows [2, 0, 1], rate 0.5: row 2's (1, 3) draws 0.1 < 0.5 -> dropped; (3, 4) draws 0.9 -> kept, 4 * 2 = 8;
  // row 0's (0, 1) draws 0.6 -> kept, 1 * 2 = 2; (2, 2) draws 0.3 -> dropped; row 1 has no non-zeros, no draws.
  const x = text.denseRows(m, { rows: [2, 0, 1], dropout: { rate: 0.5, random: r.random } });
  assert.deepEqual(await x.array(), [[0, 0, 0, 8], [2, 0, 0, 0], [0, 0, 0, 0]]);
  assert.equal(r.calls(), 4);
  // The same draws give the same batch in sparse form: dropped non-zeros are left out.
  const s = text.sparseRows(m, { rows: [2, 0, 1], dropout: { rate: 0.5, random: replay([0.1, 0.9, 0.6, 0.3]).random } });
  assert.deepEqual(s.shape, [3, 4]);
  assert.deepEqual([...s.indptr], [0, 1, 2, 2]);
  assert.deepEqual([...s.indices], [3, 0]);
  assert.deepEqual([...s.values], [8, 2]);
  x.dispose();
  assert.equal(tf.memory().numTensors, before);
});

test("a draw equal to the rate keeps the value (kept when random() >= rate, as nn.Dropout)", () => {
  // rate 0.75, scale 4: draws 0.75 -> (0, 1) kept as 4; 0.7499 -> (2, 2) dropped; 0.75 -> (1, 3) kept as 12; 0 -> (3, 4) dropped.
  const s = text.sparseRows(m, { dropout: { rate: 0.75, random: replay([0.75, 0.7499, 0.75, 0]).random } });
  assert.deepEqual([...s.indptr], [0, 1, 1, 2]);
  assert.deepEqual([...s.indices], [0, 1]);
  assert.deepEqual([...s.values], [4, 12]);
});

test("rate 0 keeps every value unscaled and draws nothing", async () => {
  await ready();
  const never = () => {
    throw new Error("no draw expected at rate 0");
  };
  const x = text.denseRows(m, { rows: [0, 2], dropout: { rate: 0, random: never } });
  assert.deepEqual(await x.array(), [[1, 0, 2, 0], [0, 3, 0, 4]]);
  x.dispose();
  const s = text.sparseRows(m, { dropout: { rate: 0, random: never } });
  assert.deepEqual([...s.values], [1, 2, 3, 4]);
  assert.deepEqual([...s.indptr], [0, 2, 2, 4]);
});

test("with a seeded generator: reproducible, keeps about 1 - p of the non-zeros, mean preserved", () => {
  const ones = text.sparseFromRows([new Map(Array.from({ length: 10000 }, (_, c) => [c, 1] as [number, number]))], 10000);
  const take = (seed: number) => text.sparseRows(ones, { dropout: { rate: 0.3, random: data.seededRng(seed) } });
  const a = take(7);
  assert.deepEqual(take(7), a);
  assert.notDeepEqual(take(8).indices, a.indices);
  const kept = a.values.length / 10000;
  assert.ok(Math.abs(kept - 0.7) < 0.02, `kept fraction ${kept}`);
  const mean = a.values.reduce((s, v) => s + v, 0) / 10000; // inverted dropout: E[x] stays 1
  assert.ok(Math.abs(mean - 1) < 0.03, `mean ${mean}`);
});

test("bad dropout options are clear errors", () => {
  const random = data.seededRng(0);
  for (const rate of [-0.1, 1, 1.5, NaN, "0.5" as unknown as number]) {
    assert.throws(() => text.denseRows(m, { dropout: { rate, random } }), (e: Error) => e instanceof RangeError && /denseRows: expected dropout.rate \(drop probability\) in \[0, 1\), got/.test(e.message));
    assert.throws(() => text.sparseRows(m, { dropout: { rate, random } }), /sparseRows: expected dropout.rate/);
  }
  assert.throws(() => text.sparseRows(m, { dropout: { rate: 0.5 } as never }), (e: Error) => e instanceof TypeError && /sparseRows: expected dropout.random to be a function .*got undefined/.test(e.message));
  assert.throws(() => text.sparseRows(m, { rows: [3] }), /sparseRows: expected row indices in \[0, 3\), got 3 at position 0/);
});
