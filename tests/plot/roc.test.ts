import { test } from "node:test";
import assert from "node:assert/strict";
import { plot } from "dlcourse";
import fixture from "../fixtures/plot/roc.json";
import { assertWellFormed, elements, texts } from "./svg-parse";

const close = (a: number[], b: number[], what: string) => {
  assert.equal(a.length, b.length, `${what} length`);
  a.forEach((v, i) => assert.ok(Math.abs(v - b[i]) < 1e-12, `${what}[${i}]: ${v} vs ${b[i]}`));
};

for (const c of fixture.cases) {
  test(`rocPoints matches scikit-learn roc_curve and roc_auc_score (${c.name})`, () => {
    const r = plot.rocPoints(c.yTrue, c.scores);
    close(r.fpr, c.fpr, "fpr");
    close(r.tpr, c.tpr, "tpr");
    close(r.thresholds.slice(1), c.thresholds.slice(1) as number[], "thresholds");
    assert.equal(r.thresholds[0], Infinity);
    assert.ok(Math.abs(r.auc - c.auc) < 1e-12, `auc ${r.auc} vs ${c.auc}`);
  });
}

test("the figure: one curve per model with its AUC in the legend, then the chance diagonal", () => {
  const fig = plot.roc([{ name: "A", yTrue: [0, 0, 1, 1], scores: [0.1, 0.4, 0.35, 0.8] }, { name: "B", fpr: [0, 0, 1], tpr: [0, 1, 1] }]).toJSON();
  assert.deepEqual(fig.data.map((t) => t.name), ["A (AUC = 0.750)", "B (AUC = 1.000)", "случайный классификатор"]);
  assert.deepEqual(fig.data[0].x, [0, 0, 0.5, 0.5, 1]);
  assert.deepEqual(fig.data[0].y, [0, 0.5, 0.5, 1, 1]);
  assert.equal((fig.data[2].line as { dash: string }).dash, "dash");
  assert.deepEqual((fig.layout.xaxis as { range: number[]; title: { text: string } }).range, [0, 1]);
  assert.equal((fig.layout.yaxis as { title: { text: string } }).title.text, "Доля истинноположительных (TPR)");
});

test("bad labels are named", () => {
  assert.throws(() => plot.rocPoints([0, 2], [0.1, 0.2]), /rocPoints: labels must be 0 or 1, got 2 at index 1/);
  assert.throws(() => plot.rocPoints([1, 1], [0.1, 0.2]), /rocPoints: need both classes, got 2 positives and 0 negatives/);
  assert.throws(() => plot.rocPoints([0, 1], [0.1]), /rocPoints: 2 labels but 1 scores/);
});

test("SVG: the curves, a dashed diagonal and the AUC legend", () => {
  const svg = plot.roc({ name: "A", yTrue: [0, 1, 1, 0], scores: [0.2, 0.9, 0.6, 0.3] }, { locale: "en" }).toSVG();
  assertWellFormed(svg);
  assert.ok(texts(svg).includes("A (AUC = 1.000)"));
  assert.ok(texts(svg).includes("False positive rate"));
  assert.ok(elements(svg, "path").some((p) => p["stroke-dasharray"] && p.stroke === "#888888" && p.fill === "none"));
});
