import { test } from "node:test";
import assert from "node:assert/strict";
import { plot } from "dlcourse";
import { assertWellFormed, elements, texts } from "./svg-parse";

test("heatmap: row 0 on top, labels as ticks, values written in small matrices", () => {
  const fig = plot.heatmap([[1, 2.5], [3, 4]], { xLabels: ["a", "b"], yLabels: ["r1", "r2"] }).toJSON();
  const [h] = fig.data;
  assert.deepEqual([h.type, h.z, h.zmin, h.zmax, h.text, h.texttemplate], ["heatmap", [[1, 2.5], [3, 4]], 1, 4, [["1", "2.50"], ["3", "4"]], "%{text}"]);
  assert.deepEqual(h.colorscale, plot.SCALES.blues);
  const ya = fig.layout.yaxis as { autorange: string; tickvals: number[]; ticktext: string[] };
  assert.deepEqual([ya.autorange, ya.tickvals, ya.ticktext], ["reversed", [0, 1], ["r1", "r2"]]);
});

test("zmid makes a symmetric diverging scale (weights)", () => {
  const h = plot.heatmap([[-1, 3]], { zmid: 0 }).toJSON().data[0];
  assert.deepEqual([h.zmin, h.zmax], [-3, 3]);
  assert.deepEqual(h.colorscale, plot.SCALES.rdbu);
});

test("large matrices are not annotated; label counts are checked", () => {
  const big = Array.from({ length: 30 }, (_, r) => Array.from({ length: 30 }, (_, c) => r * c));
  assert.equal(plot.heatmap(big).toJSON().data[0].text, undefined);
  assert.throws(() => plot.heatmap([[1, 2]], { xLabels: ["a"] }), /heatmap: options.xLabels: expected 2 labels, got 1/);
});

test("confusion matrix: true rows, predicted columns, localized titles, optional normalization", () => {
  const fig = plot.confusionMatrix([[8, 2], [1, 9]], ["neg", "pos"], { normalize: true, locale: "en" }).toJSON();
  assert.deepEqual(fig.data[0].z, [[0.8, 0.2], [0.1, 0.9]]);
  assert.equal((fig.layout.xaxis as { title: { text: string } }).title.text, "Predicted class");
  assert.equal((fig.layout.yaxis as { title: { text: string } }).title.text, "True class");
  assert.throws(() => plot.confusionMatrix([[1, 2, 3]]), /confusionMatrix: expected a square \[C, C\] matrix, got \[1, 3\]/);
  assert.throws(() => plot.confusionMatrix([[0, 0], [1, 1]], undefined, { normalize: true }), /row 0 \(true class 0\) is empty/);
});

test("SVG: coloured cells with their values, tick labels and a colour bar", () => {
  const svg = plot.confusionMatrix([[50, 2], [5, 43]], ["neg", "pos"]).toSVG();
  assertWellFormed(svg);
  const t = texts(svg);
  for (const s of ["50", "2", "5", "43", "neg", "pos", "Предсказанный класс", "Истинный класс"]) assert.ok(t.includes(s), s);
  const cells = elements(svg, "rect").filter((r) => r.fill?.startsWith("#") && r.width !== "760" && r.width !== "16");
  assert.equal(new Set(cells.map((c) => c.fill)).size, 4);
  assert.ok(svg.includes("<linearGradient"));
});
