// interact (lib/widgets/interact.ts) against a fake comm host: the first run in the cell and its
// static figure, debounced re-runs where the last value wins, errors shown in the output (the
// first run's thrown), clear errors for bad controls.
import { test, beforeEach, afterEach } from "node:test";
import assert from "node:assert/strict";
import { display, widgets } from "dlcourse";
import { FakeCommHost } from "./fake-host";

let host: FakeCommHost;
beforeEach(() => widgets.setCommHost((host = new FakeCommHost())));
afterEach(() => widgets.setCommHost(null));

const figure = (x: number) => ({ "text/plain": `figure ${x}`, "image/svg+xml": `<svg>${x}</svg>` });

function drag(s: widgets.Widget, value: number): void {
  host.fromFrontEnd(s.id, { method: "update", state: { value }, buffer_paths: [] });
}

test("the first run shows the default figure, which is also the bundle's fallback", () => {
  const lr = new widgets.FloatSlider({ value: 0.1, min: 0, max: 1, step: 0.01 });
  const box = widgets.interact(({ lr }) => display(figure(lr)), { controls: { lr } });
  assert.deepEqual(box.output.outputs, [{ output_type: "display_data", data: figure(0.1), metadata: {} }]);
  const bundle = box.toBundle();
  assert.equal(bundle["image/svg+xml"], "<svg>0.1</svg>");
  assert.equal((bundle["application/vnd.jupyter.widget-view+json"] as { model_id: string }).model_id, box.id);
  assert.deepEqual(box.children.slice(0, 1), [lr]);
});

test("changes are debounced and the last value wins; the figure is replaced, not appended", async () => {
  const a = new widgets.FloatSlider({ value: 1, min: 0, max: 10 });
  const b = new widgets.IntSlider({ value: 2, min: 0, max: 10 });
  const runs: Array<[number, number]> = [];
  const box = widgets.interact(({ a, b }) => { runs.push([a, b]); display(figure(a * b)); }, { controls: { a, b }, debounceMs: 20 });
  host.take();
  drag(a, 3);
  drag(a, 4);
  drag(b, 5);
  assert.equal(runs.length, 1, "nothing re-ran before the debounce delay");
  await box.settled();
  assert.deepEqual(runs, [[1, 2], [4, 5]]);
  assert.deepEqual(box.output.outputs, [{ output_type: "display_data", data: figure(20), metadata: {} }]);
  const updates = host.take(box.output.id).filter((m) => m.type === "comm_msg");
  assert.equal(updates.length, 1, "one outputs update per run");
});

test("an error in a later run is shown in the output, and the next change recovers", async () => {
  const x = new widgets.IntSlider({ value: 1, min: 0, max: 10 });
  const box = widgets.interact(({ x }) => { if (x === 0) throw new RangeError("x must be positive"); display(figure(x)); }, { controls: { x }, debounceMs: 0 });
  drag(x, 0);
  await box.settled();
  assert.equal(box.output.outputs.length, 1, "the error replaces the figure");
  const [err] = box.output.outputs;
  assert.equal(err.output_type, "error");
  assert.equal(err.output_type === "error" && `${err.ename}: ${err.evalue}`, "RangeError: x must be positive");
  drag(x, 2);
  await box.settled();
  assert.deepEqual(box.output.outputs, [{ output_type: "display_data", data: figure(2), metadata: {} }]);
});

test("the first run throws into the cell; bad controls get a clear error", () => {
  const x = new widgets.IntSlider({ value: 0 });
  assert.throws(() => widgets.interact(() => { throw new Error("broken default"); }, { controls: { x } }), /broken default/);
  assert.throws(() => widgets.interact(() => 1, { controls: { x: 3 as never } }), /interact: expected controls.x to be a widget with a value, got 3/);
  assert.throws(() => widgets.interact(() => 1, undefined as never), /interact: expected options.controls/);
});
