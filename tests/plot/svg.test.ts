import { test } from "node:test";
import assert from "node:assert/strict";
import { plot } from "dlcourse";
import { linearTicks, makeScale } from "../../lib/plot/svg/scale";
import { at, mix, withAlpha } from "../../lib/plot/svg/color";
import { fmtNum, lines } from "../../lib/plot/svg/text";
import { assertWellFormed, texts } from "./svg-parse";

test("ticks fall on round numbers without float noise", () => {
  assert.deepEqual(linearTicks(0, 1, 5), [0, 0.2, 0.4, 0.6, 0.8, 1]);
  assert.deepEqual(linearTicks(-0.3, 0.31, 3), [-0.2, 0, 0.2]);
  assert.deepEqual([fmtNum(0.1 + 0.2), fmtNum(1e-5), fmtNum(250000), fmtNum(0)], ["0.3", "1e-5", "2.5e5", "0"]);
});

test("log scales: decades when the range spans them, round values inside one decade", () => {
  const wide = makeScale({ type: "log" }, [0.001, 10], [0, 400], 5);
  assert.deepEqual(wide.ticks.map((t) => t.label), ["0.001", "0.01", "0.1", "1", "10"]);
  assert.equal(wide.toPx(0.01)! - wide.toPx(0.001)!, 100);
  assert.equal(wide.toPx(0), null);
  const narrow = makeScale({ type: "log" }, [2, 9], [0, 400], 4);
  assert.ok(narrow.ticks.length >= 2 && narrow.ticks.every((t) => Number(t.label) >= 2 && Number(t.label) <= 9));
});

test("reversed axes and explicit tick labels", () => {
  const s = makeScale({ autorange: "reversed", tickvals: [0, 1], ticktext: ["a", "b"] }, [0, 1], [0, 100], 5);
  assert.deepEqual(s.ticks.map((t) => [t.label, t.px]), [["a", 100], ["b", 0]]);
});

test("colour scales interpolate; rgba splits into colour and opacity", () => {
  assert.equal(at([[0, "#000000"], [1, "#ffffff"]], 0.5), "#808080");
  assert.equal(mix("#ff0000", "#0000ff", 0.25), "#bf0040");
  assert.deepEqual(withAlpha("rgba(0,0,0,0.35)"), { color: "#000000", opacity: 0.35 });
});

test("rich text becomes lines; an empty figure is still a valid picture", () => {
  assert.deepEqual(lines("a<br><sup>b &amp; c</sup>"), ["a", "b & c"]);
  const svg = plot.renderSVG({ data: [], layout: { title: { text: "пусто" } } });
  assertWellFormed(svg);
  assert.deepEqual(texts(svg), ["пусто"]);
});
