import { test } from "node:test";
import assert from "node:assert/strict";
import { plot } from "dlcourse";
import { assertWellFormed, points, strokes, texts } from "./svg-parse";

test("a history record becomes one line per series, in the course colours", () => {
  const fig = plot.line({ SGD: [1, 0.5], Adam: [1, 0.2] }, { xTitle: "эпоха", yTitle: "потеря" }).toJSON();
  assert.deepEqual(fig.data.map((t) => [t.type, t.mode, t.name, (t.line as { color: string }).color]), [
    ["scatter", "lines", "SGD", plot.PALETTE.sgd], ["scatter", "lines", "Adam", plot.PALETTE.adam]]);
  assert.deepEqual(fig.data[0].x, [0, 1]);
  assert.equal((fig.layout.xaxis as { title: { text: string } }).title.text, "эпоха");
  assert.equal((fig.layout.yaxis as { type?: string }).type, undefined);
  assert.equal(fig.layout.showlegend, true);
});

test("series objects take x values, dash and markers; shared x applies to the rest", () => {
  const fig = plot.line([{ name: "train", y: [3, 2, 1] }, { name: "validation", y: [4, 3], x: [1, 3], dash: "dash", markers: true }], { x: [10, 20, 30] }).toJSON();
  assert.deepEqual(fig.data[0].x, [10, 20, 30]);
  assert.deepEqual(fig.data[1].x, [1, 3]);
  assert.equal(fig.data[1].mode, "lines+markers");
  assert.equal((fig.data[1].line as { dash: string }).dash, "dash");
  assert.equal((fig.data[1].line as { color: string }).color, plot.PALETTE.validation);
});

test("log scale: axis types, and a clear error for values a log axis cannot show", () => {
  const fig = plot.line([1, 0.1, 0.01], { logY: true, logX: true, x: [1, 10, 100] }).toJSON();
  assert.equal((fig.layout.yaxis as { type: string }).type, "log");
  assert.equal((fig.layout.xaxis as { type: string }).type, "log");
  assert.throws(() => plot.line({ train: [1, 0] }, { logY: true }), /line: y is logarithmic but series "train" has 0 at index 1; plot positive values/);
});

test("bad input names the problem", () => {
  assert.throws(() => plot.line({ name: "a", y: [1, 2], x: [1] }), /line: series "a" has 2 y values but 1 x values/);
  assert.throws(() => plot.line([1, "2" as unknown as number]), /line: series 0 y: expected numbers, got string "2" at index 1/);
});

test("SVG: log ticks at decades, lines evenly spaced per decade, one path per series in its colour", () => {
  const svg = plot.line({ SGD: [1, 0.1, 0.01] }, { logY: true }).toSVG();
  assertWellFormed(svg);
  const t = texts(svg);
  for (const s of ["1", "0.1", "0.01"]) assert.ok(t.includes(s), `tick ${s} in ${t}`);
  const paths = strokes(svg, plot.PALETTE.sgd);
  assert.equal(paths.length, 1);
  const [a, b, c] = points(paths[0]);
  assert.ok(Math.abs(b[1] - a[1] - (c[1] - b[1])) < 0.2, "equal pixel steps per decade");
  assert.ok(c[1] > a[1], "smaller values lower on the page");
});
