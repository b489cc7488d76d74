/**
 * The text of a cell's result (kernel/repr.ts via resultBundle): data prints in full as before,
 * class instances as a one-level summary (a tfjs History from `await model.fit(...)` in a
 * screenful, not hundreds of lines), tensors with their values, Displayables as their bundle.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import util from "node:util";
import { tf, ready } from "dlcourse";
import { resultBundle } from "../../kernel/handler";
import { plainText } from "../../kernel/repr";

/** How plain data printed before class instances were summarised. */
const DATA = { depth: 4, maxArrayLength: 100, breakLength: 100 };

function text(value: unknown): string {
  const warnings: string[] = [];
  const bundle = resultBundle(value, (w) => void warnings.push(w));
  assert.deepEqual(warnings, []);
  return bundle["text/plain"];
}

test("the History that `await model.fit(...)` returns shows as a short summary", { timeout: 300_000 }, async () => {
  // The same tf a notebook imports; run here rather than in a cell so the test does not wait
  // for the kernel to type-check the whole lib (the cell path itself: test_protocol.py).
  await ready();
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2], kernelInitializer: "zeros" })] });
  model.compile({ optimizer: "sgd", loss: "meanSquaredError", metrics: ["mse"] });
  const [xs, ys] = [tf.ones([8, 2]), tf.ones([8, 1])];
  const history = await model.fit(xs, ys, { epochs: 40, verbose: 0, validationData: [xs, ys] });
  const shown = text(history);
  const lines = shown.split("\n");
  assert.equal(lines[0], "History {");
  assert.ok(lines.length <= 25, `expected a short summary, got ${lines.length} lines:\n${shown}`);
  assert.match(shown, /^ {2}epoch: \[ 0, 1, 2, 3, 4, \.\.\. 35 more items \],$/m);
  const loss = history.history.loss as number[];
  const first = Number(loss[0].toPrecision(4));
  assert.match(shown, new RegExp(`^ {4}loss: \\[ ${first}, .*\\.\\.\\. 35 more items \\],?$`, "m"));
  assert.match(shown, /^ {4}val_loss: \[/m);
  // The record itself is plain data: every epoch, every digit.
  const full = text(history.history);
  assert.equal(full, util.inspect(history.history, DATA));
  assert.ok(full.includes(String(loss[39])));
  // A model is summarised too: named fields, inner layers and nodes named only.
  const summary = text(model);
  assert.match(summary, /^Sequential \{\n/);
  assert.ok(summary.split("\n").length <= 20, summary);
  assert.match(summary, /\.\.\. \d+ more fields/);
  tf.dispose([xs, ys]);
  model.dispose();
});

test("plain data prints exactly as util.inspect prints it", () => {
  const deep = { a: { b: { c: { d: { e: { f: 1 } } } } } };
  const nullProto = Object.assign(Object.create(null) as object, { x: 1 });
  const withGetter = Object.defineProperty({ y: 2 }, "lazy", { get: () => assert.fail("a getter was run"), enumerable: true });
  const values: unknown[] = [
    42, 0.1 + 0.2, "text", null, true, 10n, [1, 2, 3], Array.from({ length: 150 }, (_, i) => i / 7),
    { lr: 0.001, schedule: [0.1, 0.01], nested: { beta: [0.9, 0.999] } }, deep, nullProto, withGetter,
    new Map([["a", [1, 2]]]), new Set([1, 2]), new Float32Array([1.5, 2.5]), new Date(0), /re/g,
    [[1, 2], [3, 4]], { "key with space": 1, [Symbol("s")]: 2 }, Array.from({ length: 3 }, () => ({ k: [1, 2] })),
  ];
  for (const v of values) assert.equal(text(v), util.inspect(v, DATA));
});

test("a class instance shows its class, its fields, and class instances inside only by name", () => {
  class Point { constructor(public x: number, public y: number) {} }
  class Inner { big = new Array(10_000).fill(0); }
  class Outer { inner = new Inner(); n = 1; label = "outer"; points = [new Point(1, 2)]; self?: Outer; }
  assert.equal(text(new Point(1, 2)), "Point { x: 1, y: 2 }");
  const outer = new Outer();
  outer.self = outer;
  assert.equal(text(outer), "Outer { inner: [Inner], n: 1, label: 'outer', points: [ [Point] ], self: [Outer] }");
  // Inside plain data, each class instance is summarised in place.
  assert.equal(text([new Point(1, 2), { p: new Point(3, 4) }]), "[ Point { x: 1, y: 2 }, { p: Point { x: 3, y: 4 } } ]");
  class Empty {}
  assert.equal(text(new Empty()), "Empty {}");
});

test("a summary shortens long fields and skips nothing silently", () => {
  class Curve { values = Array.from({ length: 50 }, (_, i) => 1 / (i + 3)); rate = 1 / 3; }
  assert.equal(text(new Curve()), `Curve {\n  values: [ 0.3333, 0.25, 0.2, 0.1667, 0.1429, ... 45 more items ],\n  rate: ${1 / 3}\n}`);
  class Wide { constructor() { for (let i = 0; i < 20; i++) (this as unknown as Record<string, number>)[`f${i}`] = i; } }
  const wide = text(new Wide());
  assert.match(wide, /^ {2}f15: 15,\n {2}\.\.\. 4 more fields\n\}$/m);
  class Lazy { constructor() { Object.defineProperty(this, "value", { get: () => assert.fail("a getter was run"), enumerable: true }); } }
  assert.equal(text(new Lazy()), "Lazy { value: [Getter] }");
  class Custom { [util.inspect.custom]() { return "<Custom 7>"; } }
  assert.equal(text(new Custom()), "<Custom 7>");
  class Failure extends Error {}
  const failure = new Failure("bad");
  assert.equal(text(failure), util.inspect(failure, DATA), "errors print with their stack, as before");
});

test("tensors print their values; inside a class instance, their dtype and shape", async () => {
  await ready();
  const t = tf.tensor2d([[1, 2], [3, 4]]);
  assert.equal(text(t), t.toString());
  assert.equal(text({ t }), `{\n  t: ${t.toString().replaceAll("\n", "\n  ")}\n}`);
  class Layer { w = t; b = tf.zeros([2]); }
  assert.equal(text(new Layer()), "Layer { w: Tensor float32 [2, 2], b: Tensor float32 [2] }");
  const gone = tf.scalar(1);
  gone.dispose();
  assert.equal(text(gone), "Tensor float32 [] (disposed)");
  assert.equal(plainText([gone]), "[ Tensor float32 [] (disposed) ]");
  t.dispose();
});

test("a Displayable still renders as its own bundle", () => {
  class Badge { n = new Array(1000).fill(1); toBundle() { return { "text/plain": "badge", "text/html": "<b>badge</b>" }; } }
  assert.deepEqual(resultBundle(new Badge(), () => assert.fail("no warning expected")), { "text/plain": "badge", "text/html": "<b>badge</b>" });
});
