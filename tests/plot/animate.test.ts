import { test } from "node:test";
import assert from "node:assert/strict";
import { plot } from "dlcourse";
import { bowl, gdPath } from "./examples";
import { points, strokes } from "./svg-parse";

const paths = [{ name: "SGD", points: gdPath(0.1, 11) }, { name: "Adam", points: gdPath(0.05, 6) }];

test("frames grow the paths step by step; the figure starts on the last frame", () => {
  const fig = plot.contourAnimation(bowl, { x: [-3, 3], y: [-2, 2], resolution: 10, paths, frames: 6 }).toJSON();
  const frames = fig.frames ?? [];
  assert.deepEqual(frames.map((f) => f.name), ["0", "2", "4", "6", "8", "10"]);
  assert.deepEqual(frames.map((f) => (f.data[0].x as number[]).length), [1, 3, 5, 7, 9, 11]);
  assert.deepEqual(frames.map((f) => (f.data[1].x as number[]).length), [1, 3, 5, 6, 6, 6]);
  assert.deepEqual(frames[0].traces, [1, 2]);
  assert.deepEqual(frames[5].data[0].x, fig.data[1].x);
  const slider = (fig.layout.sliders as Array<{ active: number; steps: Array<{ args: unknown[] }> }>)[0];
  assert.equal(slider.active, 5);
  assert.deepEqual(slider.steps[2].args[0], ["4"]);
  const menu = (fig.layout.updatemenus as Array<{ buttons: Array<{ method: string; args: unknown[] }> }>)[0];
  assert.deepEqual(menu.buttons.map((b) => [b.method, b.args[0]]), [["animate", null], ["animate", [null]]]);
});

test("needs paths, and a sane frame count", () => {
  assert.throws(() => plot.contourAnimation(bowl, { x: [0, 1], y: [0, 1] }), /contourAnimation: expected options.paths with at least one path/);
  assert.throws(() => plot.contourAnimation(bowl, { x: [0, 1], y: [0, 1], paths, frames: 1 }), /contourAnimation: options.frames: expected an integer in \[2, 500\], got 1/);
});

test("the static SVG shows the full paths", () => {
  const svg = plot.contourAnimation(bowl, { x: [-3, 3], y: [-2, 2], resolution: 10, paths, frames: 3 }).toSVG();
  assert.equal(points(strokes(svg, plot.PALETTE.sgd)[0]).length, 11);
  assert.equal(points(strokes(svg, plot.PALETTE.adam)[0]).length, 6);
});
