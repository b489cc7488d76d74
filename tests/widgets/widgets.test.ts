// Widget models and their state sync (lib/widgets) against a fake comm host playing the front
// end: the comm_open state JupyterLab's widget manager needs, updates both ways with echo_update,
// validation, observers, request_state / request_states, Dropdown's index, Button clicks, Output
// capture, boxes and references. interact is in interact.test.ts.
import { test, beforeEach, afterEach } from "node:test";
import assert from "node:assert/strict";
import { display, widgets } from "dlcourse";
import { FakeCommHost } from "./fake-host";

let host: FakeCommHost;
beforeEach(() => widgets.setCommHost((host = new FakeCommHost())));
afterEach(() => widgets.setCommHost(null));

function openState(id: string): Record<string, unknown> {
  const open = host.sent.find((s) => s.type === "comm_open" && s.id === id)!;
  assert.equal(open.target, "jupyter.widget");
  assert.deepEqual(open.metadata, { version: "2.1.0" });
  assert.deepEqual(open.data.buffer_paths, []);
  return open.data.state as Record<string, unknown>;
}

test("a slider opens its layout, style and model comms with the controls 2.0.0 state", () => {
  const s = new widgets.FloatSlider({ value: 0.5, min: 0, max: 2, step: 0.1, description: "lr" });
  const state = openState(s.id);
  assert.equal(state._model_name, "FloatSliderModel");
  assert.equal(state._model_module, "@jupyter-widgets/controls");
  assert.equal(state._model_module_version, "2.0.0");
  assert.equal(state._view_name, "FloatSliderView");
  assert.equal(state.value, 0.5);
  assert.equal(state.description, "lr");
  const layoutId = String(state.layout).replace("IPY_MODEL_", "");
  const styleId = String(state.style).replace("IPY_MODEL_", "");
  assert.equal(openState(layoutId)._model_name, "LayoutModel");
  assert.equal(openState(layoutId)._model_module, "@jupyter-widgets/base");
  assert.equal(openState(styleId)._model_name, "SliderStyleModel");
  assert.equal(openState(styleId)._view_module, "@jupyter-widgets/base");
  // Referenced models are opened before the model that refers to them.
  const order = host.sent.map((m) => m.id);
  assert.ok(order.indexOf(layoutId) < order.indexOf(s.id) && order.indexOf(styleId) < order.indexOf(s.id));
  assert.deepEqual(s.toBundle()["application/vnd.jupyter.widget-view+json"], { version_major: 2, version_minor: 0, model_id: s.id });
});

test("an update from the front end is echoed, applied and observed", () => {
  const s = new widgets.IntSlider({ value: 3, min: 0, max: 10 });
  const seen: unknown[] = [];
  s.observe((c) => seen.push([c.name, c.old, c.new]), ["value"]);
  host.take();
  host.fromFrontEnd(s.id, { method: "update", state: { value: 7 }, buffer_paths: [] });
  assert.equal(s.value, 7);
  assert.deepEqual(seen, [["value", 3, 7]]);
  assert.deepEqual(host.take(s.id).map((m) => m.data), [{ method: "echo_update", state: { value: 7 }, buffer_paths: [] }]);
});

test("invalid values from the front end are corrected and the correction sent back", () => {
  const s = new widgets.IntSlider({ value: 3, min: 0, max: 10 });
  host.take();
  host.fromFrontEnd(s.id, { method: "update", state: { value: 12.4 }, buffer_paths: [] });
  assert.equal(s.value, 10);
  assert.deepEqual(host.take(s.id).map((m) => m.data.method), ["echo_update", "update"]);
  const f = new widgets.FloatLogSlider({ value: 0.1, min: -3, max: 0 });
  host.fromFrontEnd(f.id, { method: "update", state: { value: 5 }, buffer_paths: [] });
  assert.equal(f.value, 1);
});

test("setting a value in the kernel sends one update and runs observers; same value sends nothing", () => {
  const s = new widgets.FloatSlider({ value: 1, min: 0, max: 2 });
  let calls = 0;
  s.observe(() => calls++);
  host.take();
  s.value = 1.5;
  s.value = 1.5;
  assert.deepEqual(host.take(s.id).map((m) => m.data), [{ method: "update", state: { value: 1.5 }, buffer_paths: [] }]);
  assert.equal(calls, 1);
  assert.throws(() => (s.value = Number.NaN), /FloatSlider.*finite number/);
});

test("request_state answers with the full state; request_states on the control comm with every model", () => {
  const c = new widgets.Checkbox({ value: true, description: "bn" });
  host.take();
  host.fromFrontEnd(c.id, { method: "request_state" });
  const [reply] = host.take(c.id);
  assert.equal(reply.data.method, "update");
  assert.equal((reply.data.state as Record<string, unknown>).value, true);
  const control = host.openFromFrontEnd("jupyter.widget.control");
  control.handler!({ data: { method: "request_states" }, metadata: {}, buffers: [] });
  const [states] = host.take(control.id);
  assert.equal(states.data.method, "update_states");
  const all = states.data.states as Record<string, Record<string, unknown>>;
  assert.equal(all[c.id]._model_name, "CheckboxModel");
  assert.equal(all[String(all[c.id].layout).replace("IPY_MODEL_", "")]._model_name, "LayoutModel");
});

test("Dropdown syncs index and reports value changes", () => {
  const d = new widgets.Dropdown({ options: [["SGD", 0.1], ["Adam", 0.001]], value: 0.001, description: "opt" });
  assert.deepEqual(openState(d.id)._options_labels, ["SGD", "Adam"]);
  assert.equal(openState(d.id).index, 1);
  const seen: unknown[] = [];
  d.observe((c) => seen.push(c.new), ["value"]);
  host.fromFrontEnd(d.id, { method: "update", state: { index: 0 }, buffer_paths: [] });
  assert.equal(d.value, 0.1);
  assert.deepEqual(seen, [0.1]);
  assert.throws(() => new widgets.Dropdown({ options: ["a"], value: "b" }), /Dropdown: expected value to be one of the options, got b/);
});

test("Button runs its handlers on a custom click message", () => {
  const b = new widgets.Button({ description: "go" });
  let clicks = 0;
  b.onClick(() => clicks++);
  host.fromFrontEnd(b.id, { method: "custom", content: { event: "click" } });
  assert.equal(clicks, 1);
});

test("boxes refer to their children; Output captures displays in one update", () => {
  const a = new widgets.IntSlider();
  const out = new widgets.Output();
  const box = new widgets.VBox([new widgets.HBox([a]), out]);
  const children = openState(box.id).children as string[];
  assert.equal(children[1], `IPY_MODEL_${out.id}`);
  assert.throws(() => new widgets.HBox([42 as never]), /HBox: expected widgets with a view as children, got 42 at index 0/);
  host.take();
  out.capture(() => {
    display({ "text/plain": "one" }, { id: "f" });
    display({ "text/plain": "two" }, { id: "f", update: true });
    console.log("printed");
  });
  const sent = host.take(out.id);
  assert.equal(sent.length, 1);
  assert.deepEqual((sent[0].data.state as Record<string, unknown>).outputs, [
    { output_type: "display_data", data: { "text/plain": "two" }, metadata: {} },
    { output_type: "stream", name: "stdout", text: "printed\n" },
  ]);
});

test("a closed comm from the front end stops sending; close() sends comm_close", () => {
  const s = new widgets.IntSlider();
  s.close();
  assert.deepEqual(host.take(s.id).map((m) => m.type), ["comm_open", "comm_close"]);
  s.value = 5; // kept locally, not sent on a closed comm
  assert.deepEqual(host.take(s.id), []);
});

test("a clear error without a kernel", () => {
  widgets.setCommHost(null);
  assert.throws(() => new widgets.IntSlider(), /IntSlider: no kernel with comms is running/);
});

test("misspelled options are rejected by name, as everywhere in the lib", () => {
  assert.throws(() => new widgets.FloatSlider({ vaule: 1 } as never), /widgets\.FloatSlider: unknown option "vaule"/);
  assert.throws(() => new widgets.Dropdown({ options: [1, 2], valeu: 1 } as never), /widgets\.Dropdown: unknown option "valeu"/);
  assert.throws(() => widgets.interact(() => 0, { controls: {}, debounce: 5 } as never), /widgets\.interact: unknown option "debounce"/);
});
