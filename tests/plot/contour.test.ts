import { test } from "node:test";
import assert from "node:assert/strict";
import { optim, plot, ready, tf } from "dlcourse";
import { isoSegments } from "../../lib/plot/svg/contour";
import { bowl, gdPath, rosenbrock } from "./examples";
import { assertWellFormed, elements, points, strokes, texts } from "./svg-parse";

test("contour trace samples f on the grid, levels span z, paths and minimum on top", () => {
  const fig = plot.contour(bowl, { x: [-2, 2], y: [-1, 1], resolution: 5, levels: 4, paths: [{ name: "Momentum", points: [[-2, 1], [0, 0]] }], minimum: [0, 0] }).toJSON();
  const [c, path, min] = fig.data;
  assert.equal(c.type, "contour");
  assert.deepEqual(c.x, [-2, -1, 0, 1, 2]);
  assert.deepEqual(c.y, [-1, -0.5, 0, 0.5, 1]);
  assert.equal((c.z as number[][])[0][4], bowl(2, -1)); // z[row = y index][col = x index]
  assert.deepEqual(c.contours, { coloring: "fill", showlines: true, start: 0, end: 8, size: 2 });
  assert.deepEqual([path.name, path.mode, (path.line as { color: string }).color, path.x, path.y], ["Momentum", "lines+markers", plot.PALETTE.momentum, [-2, 0], [1, 0]]);
  assert.deepEqual([min.name, (min.marker as { symbol: string }).symbol, min.x, min.y], ["минимум", "x", [0], [0]]);
  assert.deepEqual((fig.layout.xaxis as { range: number[] }).range, [-2, 2]);
});

test("logLevels colours by log10 f", () => {
  const fig = plot.contour((x, y) => 10 ** (x + y), { x: [0, 1], y: [0, 1], resolution: 2, logLevels: true }).toJSON();
  assert.deepEqual(fig.data[0].z, [[0, 1], [1, 2]]);
  assert.equal((fig.data[0].colorbar as { title: { text: string } }).title.text, "log₁₀ f");
});

test("bad ranges, resolution and functions are named", () => {
  assert.throws(() => plot.contour(bowl, { x: [1, -1], y: [0, 1] }), /contour: options.x: expected \[min, max\] with min < max, got \[1,-1\]/);
  assert.throws(() => plot.contour(bowl, { x: [0, 1], y: [0, 1], resolution: 1 }), /contour: options.resolution: expected an integer in \[2, 400\], got 1/);
  assert.throws(() => plot.contour((() => "a") as never, { x: [0, 1], y: [0, 1], resolution: 2 }), /contour: f\(0, 0\) returned string, expected a number/);
  assert.throws(() => plot.contour(bowl, { x: [0, 1], y: [0, 1], paths: [{ name: "SGD", points: [[1, 2, 3]] }] }), /contour: paths\[0\].points: expected \[N, 2\]/);
});

test("an optim surface (points [P, 2] -> [P]) plots like the same function of two numbers, in one call", async () => {
  await ready();
  const before = tf.memory().numTensors;
  const opts = { x: [-2, 2] as [number, number], y: [-1, 3] as [number, number], resolution: 7, logLevels: true, minimum: [1, 1] as [number, number] };
  const [fromSurface, fromNumbers] = [plot.contour(optim.rosenbrock(), opts).toJSON(), plot.contour(rosenbrock, opts).toJSON()];
  assert.deepEqual(fromSurface.data[0].x, fromNumbers.data[0].x);
  assert.deepEqual(fromSurface.data[0].y, fromNumbers.data[0].y);
  const [a, b] = [(fromSurface.data[0].z as number[][]).flat(), (fromNumbers.data[0].z as number[][]).flat()];
  a.forEach((v, i) => assert.ok(Math.abs(v - b[i]) < 1e-5, `z[${i}]: ${v} vs ${b[i]}`)); // float32 vs float64, log10 scale
  // the surface's options count, and z[row][col] = f(x[col], y[row]) holds for it too
  const valley = plot.contour(optim.narrowValley({ a: 1, b: 3 }), { x: [0, 2], y: [-1, 1], resolution: 3 }).toJSON().data[0].z;
  assert.deepEqual(valley, [[3, 4, 7], [0, 1, 4], [3, 4, 7]]);
  let calls = 0;
  const counted = (p: tf.Tensor2D) => (calls++, optim.saddle()(p));
  const anim = plot.contourAnimation(counted, { x: [-1, 1], y: [-1, 2], resolution: 10, paths: [{ name: "Adam", points: [[0, 0], [0, 1]] }] });
  assert.equal(calls, 1, "one call on all grid points");
  assert.equal((anim.toJSON().data[0].z as number[][])[0][0], 1 - 1 + 0.25); // saddle(-1, -1)
  assert.equal((plot.surface(optim.saddle(), { x: [-1, 1], y: [-1, 1], resolution: 2 }).toJSON().data[0].z as number[][])[1][1], 0.25);
  assert.equal(tf.memory().numTensors, before, "tensors leaked");
});

test("a one-argument f that is not a surface is named, with what to write instead", async () => {
  await ready();
  assert.throws(() => plot.contour(((x: number) => x * x) as never, { x: [0, 1], y: [0, 1], resolution: 2 }),
    /contour: f takes one argument, so it was called as a surface on points \[4, 2\] and must return a tensor \[4\]; it returned number \(a function of two numbers is written \(x, y\) => \.\.\.\)/);
  assert.throws(() => plot.surface((p: tf.Tensor2D) => tf.sum(p), { x: [0, 1], y: [0, 1], resolution: 2 }),
    /surface: f takes one argument.*it returned a tensor of shape \[\]/);
});

test("marching squares: the 0.5 level of z = column index is the vertical line between columns", () => {
  const segs = isoSegments([[0, 1], [0, 1]], 0.5);
  assert.deepEqual(segs, [[0.5, 0, 0.5, 1]]);
});

test("SVG: filled cells, level lines, the path polyline in its colour, colour bar and legend", () => {
  const path = gdPath(0.1, 6);
  const svg = plot.contour(bowl, { x: [-3, 3], y: [-2, 2], resolution: 20, paths: [{ name: "SGD", points: path }], title: "Чаша" }).toSVG();
  assertWellFormed(svg);
  assert.ok(elements(svg, "rect").length > 20, "filled cells");
  assert.ok(elements(svg, "path").filter((p) => p.stroke === "#000000" && p["stroke-opacity"] === "0.35").length >= 10, "level lines");
  const line = strokes(svg, plot.PALETTE.sgd);
  assert.equal(points(line[0]).length, path.length);
  const t = texts(svg);
  for (const s of ["Чаша", "SGD", "f"]) assert.ok(t.includes(s), s);
});
