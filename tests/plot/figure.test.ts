import { test } from "node:test";
import assert from "node:assert/strict";
import { plot, setDisplaySink, tf, type MimeBundle } from "dlcourse";
import { assertWellFormed, texts } from "./svg-parse";

type Sent = { data: MimeBundle; transient: { display_id?: string }; update: boolean };

function capture(run: () => void): Sent[] {
  const sent: Sent[] = [];
  setDisplaySink((content, update) => void sent.push({ data: content.data, transient: content.transient, update }));
  try {
    run();
  } finally {
    setDisplaySink(null);
  }
  return sent;
}

test("toBundle carries Plotly JSON with layout and config, an SVG and a text line", () => {
  const fig = new plot.Figure({ data: [{ type: "scatter", x: [0, 1], y: [2, 3], name: "loss" }] });
  const b = fig.toBundle();
  assert.deepEqual(Object.keys(b).sort(), ["application/vnd.plotly.v1+json", "image/svg+xml", "text/plain"]);
  const spec = b[plot.PLOTLY_MIME] as { data: unknown[]; layout: object; config: Record<string, unknown> };
  assert.equal(spec.data.length, 1);
  assert.ok(spec.layout && typeof spec.layout === "object");
  assert.equal(spec.config.displaylogo, false);
  assert.equal(b["text/plain"], "Figure: 1 trace(s) (scatter): loss");
  assertWellFormed(b["image/svg+xml"] as string);
});

test("the bundle has no PNG: JupyterLab's Plotly renderer would show a PNG instead of the live plot", () => {
  assert.equal("image/png" in new plot.Figure({ data: [] }).toBundle(), false);
});

test("show() sends exactly one display message, and update replaces it by id", () => {
  const fig = plot.line([1, 2, 3]);
  const sent = capture(() => {
    fig.show({ id: "f1" });
    fig.show({ id: "f1", update: true });
  });
  assert.equal(sent.length, 2);
  assert.deepEqual(sent.map((s) => [s.transient.display_id, s.update]), [["f1", false], ["f1", true]]);
  assert.ok(plot.PLOTLY_MIME in sent[0].data);
});

test("figure JSON is plain: NaN and Infinity become null, no functions, survives a JSON round trip", () => {
  const fig = plot.line({ train: [1, NaN, Infinity, 0.5] });
  const json = fig.toJSON();
  assert.deepEqual(json.data[0].y, [1, null, null, 0.5]);
  assert.deepEqual(JSON.parse(JSON.stringify(json)), json);
  assert.ok(!JSON.stringify(json).includes("function"));
});

test("helpers accept tf tensors and leave them alive", async () => {
  await import("dlcourse").then((m) => m.ready());
  const y = tf.tensor1d([3, 2, 1]);
  const pts = tf.tensor2d([[0, 0], [1, 1]]);
  const labels = tf.tensor1d([0, 1], "int32");
  const before = tf.memory().numTensors;
  const a = plot.line(y).toJSON();
  const b = plot.scatter(pts, { labels }).toJSON();
  assert.deepEqual(a.data[0].y, [3, 2, 1]);
  assert.deepEqual(b.data.map((t) => t.x), [[0], [1]]);
  assert.equal(tf.memory().numTensors, before);
  tf.dispose([y, pts, labels]);
});

test("the SVG shows the title, the axis titles and the legend", () => {
  const svg = plot.line({ SGD: [3, 2, 1], Adam: [3, 1, 0.5] }, { title: "Потеря<br>мелко", xTitle: "эпоха", yTitle: "потеря" }).toSVG();
  const t = texts(svg);
  for (const s of ["Потеря", "мелко", "эпоха", "потеря", "SGD", "Adam"]) assert.ok(t.includes(s), `missing "${s}" in ${JSON.stringify(t)}`);
});
