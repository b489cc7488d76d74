import { test } from "node:test";
import assert from "node:assert/strict";
import { plot, tf, ready } from "dlcourse";
import { assertWellFormed, elements, strokes } from "./svg-parse";

const X = [[-1, 0], [1, 0], [-1, 1], [1, 1]];
const y = [0, 1, 0, 1];

test("binary probabilities: P(class 1) heatmap, the 0.5 contour, then the data by class", () => {
  const fig = plot.decisionBoundary((p) => p.map((q) => (q[0] > 0 ? 0.9 : 0.1)), X, y, { resolution: 4, padding: 0 }).toJSON();
  assert.deepEqual(fig.data.map((t) => t.type), ["heatmap", "contour", "scatter", "scatter"]);
  const [h, c] = fig.data;
  (h.x as number[]).forEach((v, i) => assert.ok(Math.abs(v - [-1, -1 / 3, 1 / 3, 1][i]) < 1e-12, `x[${i}] = ${v}`));
  assert.deepEqual((h.z as number[][])[0], [0.1, 0.1, 0.9, 0.9]);
  assert.deepEqual([h.zmin, h.zmax], [0, 1]);
  assert.deepEqual(c.contours, { coloring: "none", start: 0.5, end: 0.5, size: 1 });
  assert.deepEqual(fig.data.slice(2).map((t) => (t.marker as { color: string }).color), [plot.SEQUENCE[0], plot.SEQUENCE[1]]);
});

test("class scores [N, C] are reduced by argmax; a returned tensor is disposed", async () => {
  await ready();
  const before = tf.memory().numTensors;
  const fig = plot.decisionBoundary((p) => tf.tensor2d(p.map((q) => [q[0], -q[0], q[1] - 0.5])), X, y, { resolution: 3, padding: 0 }).toJSON();
  assert.equal(tf.memory().numTensors, before);
  assert.deepEqual(fig.data.map((t) => t.type), ["heatmap", "scatter", "scatter"]);
  // Grid x in {-1, 0, 1}, y in {0, 0.5, 1}; scores [x, -x, y - 0.5]; ties go to the first class.
  // y = 0: [-1, 1, -.5] -> 1, [0, 0, -.5] -> 0, [1, -1, -.5] -> 0; y = 0.5 the same; y = 1: -> 1, 2 (0.5 wins), 0.
  assert.deepEqual(fig.data[0].z, [[1, 0, 0], [1, 0, 0], [1, 2, 0]]);
  assert.equal(fig.data[0].showscale, false);
});

test("wrong predictions are named", () => {
  assert.throws(() => plot.decisionBoundary(() => [0], X, y, { resolution: 2 }), /decisionBoundary: predict returned 1 rows for 4 grid points/);
  assert.throws(() => plot.decisionBoundary((() => Promise.resolve([])) as never, X, y, { resolution: 2 }), /predict returned a Promise/);
  assert.throws(() => plot.decisionBoundary((p) => p.map(() => 0), X, [0, 1], { resolution: 2 }), /decisionBoundary: 4 points but 2 labels/);
});

test("SVG: coloured regions, the boundary line and the data points", () => {
  const svg = plot.decisionBoundary((p) => p.map((q) => 1 / (1 + Math.exp(-4 * q[0]))), X, y, { resolution: 20 }).toSVG();
  assertWellFormed(svg);
  assert.ok(elements(svg, "rect").length > 20);
  assert.equal(strokes(svg, "#222222").length, 1, "the 0.5 line");
  assert.equal(elements(svg, "circle").length, 4 + 2, "four points and two legend markers");
});
