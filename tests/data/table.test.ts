import { test } from "node:test";
import assert from "node:assert/strict";
import * as dfd from "danfojs-node";
import { data, display, setDisplaySink, isDisplayable, type MimeBundle } from "dlcourse";

const df = new dfd.DataFrame({ text: ["a <b> & c", "two", "three", "four", "five"], label: [1, 0, 1, 1, 0] });

test("small frames show every row, escaped, with a shape line", () => {
  const b = data.frameBundle(df);
  const html = b["text/html"] as string;
  assert.match(html, /<table class="dataframe">/);
  assert.match(html, /a &lt;b&gt; &amp; c/);
  assert.equal((html.match(/<tr>/g) ?? []).length, 6); // header + 5 rows
  assert.match(html, /5 rows × 2 columns/);
  assert.match(b["text/plain"], /^ +text +label\n0 +a <b> & c +1\n/);
  assert.match(b["text/plain"], /\n\n5 rows × 2 columns$/);
});

test("long frames show head and tail around an ellipsis row; long cells are cut", () => {
  const b = data.frameBundle(df, { maxRows: 2, maxChars: 4 });
  const html = b["text/html"] as string;
  assert.match(html, /<th>0<\/th>.*<td>…<\/td>.*<th>4<\/th>/);
  assert.doesNotMatch(html, /<th>[123]<\/th>/);
  assert.match(html, /a &lt;…/);
  assert.deepEqual(b["text/plain"].split("\n").map((l) => l.trim().split(/ +/)[0]), ["text", "0", "…", "4", "", "5"]);
});

test("table() is a Displayable that display() sends as one bundle", () => {
  const sent: MimeBundle[] = [];
  setDisplaySink(({ data: bundle }) => void sent.push(bundle));
  try {
    const t = data.table(df, { maxRows: 4 });
    assert.ok(isDisplayable(t));
    display(t);
  } finally {
    setDisplaySink(null);
  }
  assert.equal(sent.length, 1);
  assert.deepEqual(sent[0], data.frameBundle(df, { maxRows: 4 }));
});

test("bad options are clear errors, raised where table() is called", () => {
  assert.throws(() => data.table(df, { maxRows: 1 }), /frameBundle: expected maxRows an integer >= 2, got 1/);
  assert.throws(() => data.frameBundle(df, { maxChars: 0 }), /expected maxChars an integer >= 1, got 0/);
});
