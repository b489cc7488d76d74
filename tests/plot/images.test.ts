import { test } from "node:test";
import assert from "node:assert/strict";
import { plot, tf, ready } from "dlcourse";
import { assertWellFormed, elements, texts } from "./svg-parse";

test("one heatmap per image on hidden, square, top-down axes; captions above", () => {
  const fig = plot.imageGrid([[[0, 1], [1, 0]], [[1, 1], [0, 0]], [[0, 0], [0, 1]]], { labels: [7, 2, 1], columns: 2 }).toJSON();
  assert.deepEqual(fig.data.map((t) => [t.type, t.xaxis, t.yaxis, t.zmax, t.showscale]), [
    ["heatmap", "x", "y", 1, false], ["heatmap", "x2", "y2", 1, false], ["heatmap", "x3", "y3", 1, false]]);
  assert.deepEqual(fig.data[0].colorscale, plot.SCALES.ink);
  const y3 = fig.layout.yaxis3 as { visible: boolean; autorange: string; scaleanchor: string; domain: number[] };
  assert.deepEqual([y3.visible, y3.autorange, y3.scaleanchor], [false, "reversed", "x3"]);
  assert.ok(y3.domain[1] < 0.5, "third image on the second row");
  assert.deepEqual((fig.layout.annotations as Array<{ text: string }>).map((a) => a.text), ["7", "2", "1"]);
});

test("flattened [N, H*W] tensors in 0..255 are read as squares on a 0..255 scale", async () => {
  await ready();
  const x = tf.tensor2d([[0, 255, 255, 0]]);
  const fig = plot.imageGrid(x).toJSON();
  x.dispose();
  assert.deepEqual([fig.data[0].z, fig.data[0].zmax], [[[0, 255], [255, 0]], 255]);
});

test("shapes and counts are checked", () => {
  assert.throws(() => plot.imageGrid([[1, 2, 3]]), /imageGrid: image 0 has 3 values, which is not a square; pass options.shape \[H, W\]/);
  assert.throws(() => plot.imageGrid([[[1]]], { labels: [1, 2] }), /imageGrid: 1 images but 2 labels/);
  assert.throws(() => plot.imageGrid([]), /imageGrid: expected images/);
});

test("SVG: dark ink cells for every image, captions", () => {
  const svg = plot.imageGrid([[[0, 1], [1, 0]], [[1, 1], [0, 0]]], { labels: ["a", "b"] }).toSVG();
  assertWellFormed(svg);
  const ink = elements(svg, "rect").filter((r) => r.fill === "#000000");
  assert.equal(ink.length, 4 - 1, "two diagonal cells, and one merged run of two");
  assert.ok(texts(svg).includes("a") && texts(svg).includes("b"));
});
