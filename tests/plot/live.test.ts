import { test } from "node:test";
import assert from "node:assert/strict";
import { plot, setDisplaySink, type MimeBundle } from "dlcourse";
import { texts } from "./svg-parse";

type Sent = { data: MimeBundle; id?: string; update: boolean };

async function train(throttleMs: number, steps: number, tick: number): Promise<{ sent: Sent[]; chart: plot.LiveChart; final: plot.Figure }> {
  let t = 0;
  const sent: Sent[] = [];
  setDisplaySink((c, update) => void sent.push({ data: c.data, id: c.transient.display_id, update }));
  try {
    const chart = plot.live({ series: ["train", "validation"], total: steps, throttleMs, logY: true, title: "Потеря", now: () => t });
    for (let s = 1; s <= steps; s++) {
      t += tick;
      await chart.update(s, s % 2 ? { train: 1 / s } : { train: 1 / s, validation: 2 / s });
    }
    return { sent, chart, final: chart.done() };
  } finally {
    setDisplaySink(null);
  }
}

test("one output: the first draw creates it, later draws and the end update it by the same id", async () => {
  const { sent } = await train(0, 3, 100);
  assert.equal(sent.length, 4);
  assert.equal(new Set(sent.map((s) => s.id)).size, 1);
  assert.deepEqual(sent.map((s) => s.update), [false, true, true, true]);
});

test("while training only SVG and text are sent; the end carries the interactive Plotly figure", async () => {
  const { sent, final } = await train(0, 2, 100);
  assert.deepEqual(Object.keys(sent[0].data).sort(), ["image/svg+xml", "text/plain"]);
  const last = sent[sent.length - 1].data;
  assert.ok(plot.PLOTLY_MIME in last && "image/svg+xml" in last);
  assert.deepEqual(final.toJSON().data.map((t) => [t.name, t.x]), [["train", [1, 2]], ["validation", [2]]]);
  assert.equal((final.layout.yaxis as { type: string }).type, "log");
});

test("redraws are throttled: 20 steps of 100 ms with a 500 ms throttle draw 4 times, plus the end", async () => {
  const { chart } = await train(500, 20, 100);
  // Draws at t = 100 (first), 600, 1100, 1600; then done().
  assert.equal(chart.draws, 5);
});

test("the progress line: step of total, latest values, rate and time left", async () => {
  const { sent } = await train(0, 4, 250);
  const text = sent[3].data["text/plain"];
  assert.equal(text, "шаг 4/4 · train 0.2500 · validation 0.5000 · 4.0 шаг/с · осталось 0:00");
  const second = sent[1].data["text/plain"];
  assert.equal(second, "шаг 2/4 · train 0.5000 · validation 1.000 · 4.0 шаг/с · осталось 0:01");
  assert.ok(texts(sent[1].data["image/svg+xml"] as string).includes(second), "progress under the title in the picture");
});

test("unknown series and non-numbers are named", async () => {
  const chart = plot.live({ series: ["train"], now: () => 0 });
  setDisplaySink(() => {});
  try {
    await assert.rejects(chart.update(1, { loss: 1 }), /LiveChart.update: unknown series "loss", expected one of train/);
    await assert.rejects(chart.update(1, { train: "1" as never }), /series "train" got string, expected a number/);
  } finally {
    setDisplaySink(null);
  }
  assert.throws(() => plot.live({} as never), /plot.live: expected options.series/);
});
