import { test } from "node:test";
import assert from "node:assert/strict";
import { plot } from "dlcourse";
import { assertWellFormed, elements, texts } from "./svg-parse";

test("a surface trace over the grid, axis titles in the 3-D scene", () => {
  const fig = plot.surface((x, y) => x - y, { x: [0, 1], y: [0, 2], resolution: 3, xTitle: "w₁", yTitle: "w₂", zTitle: "потеря" }).toJSON();
  assert.equal(fig.data.length, 1);
  assert.equal(fig.data[0].type, "surface");
  assert.deepEqual(fig.data[0].z, [[0, 0.5, 1], [-1, -0.5, 0], [-2, -1.5, -1]]);
  const scene = fig.layout.scene as Record<string, { title?: { text: string } }>;
  assert.deepEqual([scene.xaxis.title?.text, scene.yaxis.title?.text, scene.zaxis.title?.text], ["w₁", "w₂", "потеря"]);
  assert.equal("xaxis" in fig.layout, false);
});

test("SVG: one shaded quad per grid cell, the floor, axis titles, x/y ends and z range (0.08 is the grid's lowest value)", () => {
  const svg = plot.surface((x, y) => x * x + y * y, { x: [-1, 1], y: [-1, 1], resolution: 6, xTitle: "a", yTitle: "b" }).toSVG();
  assertWellFormed(svg);
  const quads = elements(svg, "path").filter((p) => p.d.endsWith("Z") && p.fill !== "#f4f6fa");
  assert.equal(quads.length, 25);
  assert.ok(new Set(quads.map((q) => q.fill)).size > 3, "coloured by height");
  const t = texts(svg);
  for (const s of ["a", "b", "f", "-1", "1", "0.08", "2"]) assert.ok(t.includes(s), `${s} in ${t}`);
});
