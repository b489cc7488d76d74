// The lib's display API (lib/display) as the kernel sees it: whole bundles, display ids and
// updates, clearOutput with its wait flag, the kernel's host under DISPLAY_HOST_KEY, and clear
// errors outside a kernel. The kernel side is exercised end to end in test_conformance.py.
import { test, afterEach } from "node:test";
import assert from "node:assert/strict";
import { clearOutput, display, html, markdown, setDisplaySink, type DisplayContent } from "dlcourse";
import { DISPLAY_HOST_KEY, type DisplayHost } from "../../lib/display/types";

type Sent = { content: DisplayContent; update: boolean } | { clear: boolean };
const globals = globalThis as Record<string, unknown>;

afterEach(() => {
  setDisplaySink(null);
  delete globals[DISPLAY_HOST_KEY];
});

function capture(): Sent[] {
  const sent: Sent[] = [];
  setDisplaySink((content, update) => void sent.push({ content, update }), { clearOutput: (wait) => void sent.push({ clear: wait }) });
  return sent;
}

test("display sends the whole bundle in one message, with id and metadata", () => {
  const sent = capture();
  display({ "text/plain": "fig", "image/svg+xml": "<svg/>", "application/vnd.plotly.v1+json": { data: [] } }, { id: "fig-1", metadata: { "image/svg+xml": { isolated: true } } });
  assert.deepEqual(sent, [{
    content: { data: { "text/plain": "fig", "image/svg+xml": "<svg/>", "application/vnd.plotly.v1+json": { data: [] } }, metadata: { "image/svg+xml": { isolated: true } }, transient: { display_id: "fig-1" } },
    update: false,
  }]);
});

test("display with update replaces an output by id; Displayable objects show their bundle", () => {
  const sent = capture();
  display({ toBundle: () => ({ "text/plain": "v2", "text/html": "<i>v2</i>" }) }, { id: "live", update: true });
  assert.deepEqual(sent, [{ content: { data: { "text/plain": "v2", "text/html": "<i>v2</i>" }, metadata: {}, transient: { display_id: "live" } }, update: true }]);
});

test("clearOutput sends the wait flag, default false", () => {
  const sent = capture();
  clearOutput();
  clearOutput({ wait: true });
  assert.deepEqual(sent, [{ clear: false }, { clear: true }]);
});

test("html and markdown carry a text/plain fallback", () => {
  const sent = capture();
  html("<b>x</b>", "x");
  markdown("$x^2$");
  assert.deepEqual(sent.map((s) => ("content" in s ? s.content.data : s)), [{ "text/html": "<b>x</b>", "text/plain": "x" }, { "text/markdown": "$x^2$", "text/plain": "$x^2$" }]);
});

test("without a sink, display and clearOutput go to the kernel's host", () => {
  const calls: unknown[] = [];
  const host: DisplayHost = { display: (c, u) => void calls.push(["display", c.data, u]), clearOutput: (w) => void calls.push(["clear", w]) };
  globals[DISPLAY_HOST_KEY] = host;
  display({ "text/plain": "a" });
  clearOutput({ wait: true });
  assert.deepEqual(calls, [["display", { "text/plain": "a" }, false], ["clear", true]]);
});

test("bad input and no kernel give errors naming the function", () => {
  capture();
  assert.throws(() => display({ "text/html": "<b/>" } as never), /display: expected a bundle with a text\/plain entry/);
  assert.throws(() => display({ "text/plain": "a" }, { update: true }), /display: update needs the id/);
  setDisplaySink(null);
  assert.throws(() => clearOutput(), /clearOutput: no notebook kernel is running/);
});
