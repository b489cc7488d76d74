import { test } from "node:test";
import assert from "node:assert/strict";
import { plot, tf, ready } from "dlcourse";
import { assertWellFormed, elements, texts } from "./svg-parse";

test("binCounts: equal bins, the top edge in the last bin, outside values dropped", () => {
  assert.deepEqual(plot.binCounts([0, 0.1, 0.5, 0.99, 1, 2, -1], 0, 1, 2), [2, 3]);
});

test("one bar trace per panel on its own axes, shared range, μ and σ in the panel title", async () => {
  await ready();
  const t = tf.tensor2d([[-1, 1], [1, -1]]);
  const fig = plot.histogramGrid({ tanh: [0, 0, 1, 1], "слой 2": t }, { bins: 2, columns: 2, xTitle: "a" }).toJSON();
  t.dispose();
  assert.deepEqual(fig.data.map((d) => [d.type, d.xaxis, d.yaxis]), [["bar", "x", "y"], ["bar", "x2", "y2"]]);
  // Shared range [-1, 1] in 2 bins: 0 and 1 both fall in [0, 1] (the top edge counts in the last bin).
  assert.deepEqual([fig.data[0].x, fig.data[0].y, fig.data[0].width], [[-0.5, 0.5], [0, 4], 1]);
  assert.deepEqual(fig.data[1].y, [2, 2]);
  assert.equal((fig.data[0].marker as { color: string }).color, plot.PALETTE.tanh);
  const ax2 = fig.layout.xaxis2 as { domain: number[]; anchor: string; title?: { text: string } };
  assert.deepEqual([ax2.domain, ax2.anchor, ax2.title?.text], [[0.55, 1], "y2", "a"]);
  const notes = (fig.layout.annotations as Array<{ text: string }>).map((a) => a.text);
  assert.deepEqual(notes, ["tanh: μ = 0.500, σ = 0.500", "слой 2: μ = 0.000, σ = 1.000"]);
});

test("ownRange bins each panel over its own values", () => {
  const fig = plot.histogramGrid([{ name: "a", values: [0, 1] }, { name: "b", values: [10, 20] }], { bins: 2, ownRange: true, stats: false }).toJSON();
  assert.deepEqual([fig.data[0].x, fig.data[1].x], [[0.25, 0.75], [12.5, 17.5]]);
});

test("empty input and bad options are named", () => {
  assert.throws(() => plot.histogramGrid({}), /histogramGrid: expected at least one group of values/);
  assert.throws(() => plot.histogramGrid({ a: [1] }, { bins: 0 }), /histogramGrid: options.bins: expected an integer in \[1, 500\], got 0/);
});

test("SVG: bars per non-empty bin, panel titles", () => {
  const svg = plot.histogramGrid({ "слой 1": [0, 0.1, 0.9], "слой 2": [0.5] }, { bins: 4, range: [0, 1] }).toSVG();
  assertWellFormed(svg);
  const bars = elements(svg.replace(/<clipPath.*?<\/clipPath>/g, ""), "rect").filter((r) => r.x !== undefined);
  assert.equal(bars.length, 3);
  assert.ok(texts(svg).some((s) => s.startsWith("слой 1: μ")));
});
