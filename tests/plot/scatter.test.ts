import { test } from "node:test";
import assert from "node:assert/strict";
import { plot } from "dlcourse";
import { assertWellFormed, elements, texts } from "./svg-parse";

test("one marker trace per class, class k in SEQUENCE[k], names from classNames", () => {
  const fig = plot.scatter([[0, 0], [1, 1], [2, 2]], { labels: [1, 0, 1], classNames: ["кружки", "крестики"] }).toJSON();
  assert.deepEqual(fig.data.map((t) => [t.mode, t.name, (t.marker as { color: string }).color]), [
    ["markers", "кружки", plot.SEQUENCE[0]], ["markers", "крестики", plot.SEQUENCE[1]]]);
  assert.deepEqual(fig.data[1].x, [0, 2]);
  assert.deepEqual(fig.data[0].y, [1]);
});

test("default class names follow the locale", () => {
  const fig = plot.scatter([[0, 0], [1, 1]], { labels: [0, 1], locale: "en" }).toJSON();
  assert.deepEqual(fig.data.map((t) => t.name), ["class 0", "class 1"]);
});

test("bad shapes and labels are named", () => {
  assert.throws(() => plot.scatter([[0, 0, 0]]), /scatter: points: expected \[N, 2\], got \[1, 3\]/);
  assert.throws(() => plot.scatter([[0, 0]], { labels: [0.5] }), /scatter: labels must be class indices 0, 1, ..., got 0.5 at index 0/);
  assert.throws(() => plot.scatter([[0, 0]], { labels: [0, 1] }), /scatter: 1 points but 2 labels/);
});

test("SVG: one circle per point, in the class colours, and a legend", () => {
  const svg = plot.scatter([[0, 0], [1, 1], [2, 0]], { labels: [0, 1, 1] }).toSVG();
  assertWellFormed(svg);
  const fills = elements(svg, "circle").map((c) => c.fill);
  assert.equal(fills.filter((f) => f === plot.SEQUENCE[0]).length, 1 + 1); // one point, one legend marker
  assert.equal(fills.filter((f) => f === plot.SEQUENCE[1]).length, 2 + 1);
  assert.ok(texts(svg).includes("класс 1"));
});
