import { test } from "node:test";
import assert from "node:assert/strict";
import { metrics, ready, tf } from "dlcourse";
import { fixture } from "../helpers/tensors";

const ref = fixture("metrics", "metrics.json");
const num = (v: unknown): any => (Array.isArray(v) ? v.map(num) : v === "Infinity" ? Infinity : v === "NaN" ? NaN : v);

/** Equal up to 1e-12 (both sides are float64), NaN equal to NaN. */
function same(actual: number[] | number, expected: unknown, what: string): void {
  const [a, e] = [[actual].flat(), [num(expected)].flat()] as [number[], number[]];
  assert.equal(a.length, e.length, `${what}: length ${a.length} vs ${e.length} (${a} vs ${e})`);
  a.forEach((v, i) => assert.ok(Object.is(v, e[i]) || Math.abs(v - e[i]) <= 1e-12, `${what}[${i}]: ${v} vs ${e[i]}`));
}

test.before(() => ready());

for (const c of ref.curves) {
  test(`rocCurve and precisionRecallCurve match scikit-learn: ${c.name}`, () => {
    const pos = c.posLabel ?? undefined;
    for (const drop of [true, false]) {
      const roc = metrics.rocCurve(c.yTrue, c.yScore, { posLabel: pos, dropIntermediate: drop });
      const r = c[`roc_drop${drop ? "True" : "False"}`];
      same(roc.fpr, r.fpr, `fpr drop=${drop}`);
      same(roc.tpr, r.tpr, `tpr drop=${drop}`);
      same(roc.thresholds, r.thresholds, `thresholds drop=${drop}`);
      const pr = metrics.precisionRecallCurve(c.yTrue, c.yScore, { posLabel: pos, dropIntermediate: drop });
      const q = c[`pr_drop${drop ? "True" : "False"}`];
      same(pr.precision, q.precision, `precision drop=${drop}`);
      same(pr.recall, q.recall, `recall drop=${drop}`);
      same(pr.thresholds, q.thresholds, `pr thresholds drop=${drop}`);
    }
    if (c.rocAuc != null) {
      same(metrics.rocAuc(c.yTrue, c.yScore, { posLabel: pos }), c.rocAuc, "rocAuc");
      same(metrics.averagePrecision(c.yTrue, c.yScore, { posLabel: pos }), c.averagePrecision, "averagePrecision");
    } else {
      assert.throws(() => metrics.rocAuc(c.yTrue, c.yScore), /metrics\.rocAuc: only one class present in yTrue/);
    }
  });
}

test("rocAuc counts ties as one half: the probability a positive outranks a negative", () => {
  // every (positive, negative) pair: 1 if pos > neg, 0.5 if equal
  const c = ref.curves.find((x: any) => x.name === "300 rounded scores");
  const pos = c.yScore.filter((_: number, i: number) => c.yTrue[i] === 1);
  const neg = c.yScore.filter((_: number, i: number) => c.yTrue[i] === 0);
  let wins = 0;
  for (const p of pos) for (const n of neg) wins += p > n ? 1 : p === n ? 0.5 : 0;
  assert.ok(Math.abs(metrics.rocAuc(c.yTrue, c.yScore) - wins / (pos.length * neg.length)) < 1e-12);
});

for (const c of ref.prf) {
  test(`accuracy, confusion matrix, precision/recall/F1 match scikit-learn: ${c.name}`, () => {
    same(metrics.accuracy(c.yTrue, c.yPred), c.accuracy, "accuracy");
    assert.deepEqual(metrics.confusionMatrix(c.yTrue, c.yPred), c.confusion);
    for (const [average, e] of Object.entries<any>(c.expected)) {
      const o = { average: average as "micro", posLabel: c.options.posLabel };
      same(metrics.precision(c.yTrue, c.yPred, o), e.precision, `precision ${average}`);
      same(metrics.recall(c.yTrue, c.yPred, o), e.recall, `recall ${average}`);
      same(metrics.f1(c.yTrue, c.yPred, o), e.f1, `f1 ${average}`);
    }
  });
}

test("confusion matrix with an explicit label order ignores other labels", () => {
  const c = ref.confusionWithLabels;
  assert.deepEqual(metrics.confusionMatrix(c.yTrue, c.yPred, { labels: c.labels }), c.expected);
});

test("tensors work like arrays", () => {
  const [t, s] = [tf.tensor1d([0, 0, 1, 1]), tf.tensor2d([[0.1], [0.4], [0.35], [0.8]])];
  assert.equal(metrics.rocAuc(t, s), 0.75);
  assert.equal(metrics.accuracy(t, tf.tensor1d([0, 1, 1, 1])), 0.75);
  tf.dispose([t, s]);
});

test("bad input is named", () => {
  assert.throws(() => metrics.rocAuc([0, 1], [0.5]), /metrics\.rocCurve: expected yTrue and yScore of the same length, got 2 and 1/);
  assert.throws(() => metrics.rocCurve([0, 1, 2], [0.1, 0.2, 0.3]), /metrics\.rocCurve: expected binary yTrue, got 3 classes \[0, 1, 2\]/);
  assert.throws(() => metrics.rocCurve([2, 5], [0.1, 0.2]), /give posLabel/);
  assert.throws(() => metrics.rocCurve([0, 1], [0.1, NaN]), /expected finite values in yScore, got yScore\[1\] = NaN/);
  assert.throws(() => metrics.f1([0, 1, 2], [0, 1, 1]), /metrics\.f1: average "binary" needs 2 classes, got 3/);
  assert.throws(() => metrics.precision([0, 1], [0, 1], { average: "avg" as never }), /expected average "binary", "micro", "macro", "weighted" or "none", got "avg"/);
  assert.throws(() => metrics.accuracy([], []), /metrics\.accuracy: expected at least one sample/);
  assert.throws(() => metrics.auc([0, 1, 0.5], [0, 1, 1]), /metrics\.auc: x is neither increasing nor decreasing/);
  const t = tf.zeros([2, 2]);
  assert.throws(() => metrics.accuracy(t, [0, 1]), /metrics\.accuracy: expected yTrue as a 1-D tensor \[N\], got \[2, 2\]/);
  t.dispose();
});
