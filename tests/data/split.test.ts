import "./data-env";
import { test } from "node:test";
import assert from "node:assert/strict";
import * as dfd from "danfojs-node";
import { data } from "dlcourse";

test("the lecture's split of SST-2: first 5000 rows train (2607 positive), 1920 test", async () => {
  const { train, test: held } = data.headTailSplit(await data.loadSst2({ download: false }));
  assert.equal(train.texts.length, 5000);
  assert.equal(train.labels.length, 5000);
  assert.equal(held.texts.length, 1920);
  // The lecture prints Counter(labels) = {1: 2607, 0: 2393} for the first 5000.
  assert.equal(train.labels.filter((y) => y === 1).length, 2607);
  assert.equal(train.texts[22], "a wretched movie that reduces the second world war to one man 's quest to find an old flame");
});

test("positions, custom columns and sizes; bad arguments are clear errors", () => {
  const df = new dfd.DataFrame({ review: ["a", "b", "c"], y: [1, 0, 1] });
  const { train, test: held } = data.headTailSplit(df, { trainSize: 2, textColumn: "review", labelColumn: "y" });
  assert.deepEqual(train, { texts: ["a", "b"], labels: [1, 0] });
  assert.deepEqual(held, { texts: ["c"], labels: [1] });
  assert.throws(() => data.headTailSplit(df), /headTailSplit: expected a column "text", got columns \["review","y"\]/);
  assert.throws(() => data.headTailSplit(df, { trainSize: 4, textColumn: "review", labelColumn: "y" }), /expected trainSize an integer in \[0, 3\], got 4/);
});
