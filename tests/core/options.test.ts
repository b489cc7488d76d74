// The options contract (lib/core/options.ts): every public function with an options object
// rejects a misspelled key with an error naming the function and the key, in nn, init, losses
// and metrics as in optim.
import { test } from "node:test";
import assert from "node:assert/strict";
import { init, losses, metrics, nn, optim, ready, tf } from "dlcourse";
import { checkOptions } from "../../lib/core/options";

test("checkOptions returns the options unchanged, {} for undefined", () => {
  const given = { p: 0.5 };
  assert.equal(checkOptions<{ p?: number }>("f", given, { p: true }), given);
  assert.deepEqual(checkOptions<{ p?: number }>("f", undefined, { p: true }), {});
});

test("checkOptions rejects unknown keys and non-objects, naming the function", () => {
  assert.throws(() => checkOptions<{ p?: number }>("nn.f", { q: 1 } as never, { p: true }), /^Error: nn\.f: unknown option "q" \(known: p\)$/);
  assert.throws(() => checkOptions<{ p?: number }>("nn.f", [1] as never, { p: true }), /nn\.f: expected an options object, got \[1\]/);
});

let bnState: nn.BatchNormState;
test.before(async () => {
  await ready();
  bnState = nn.createBatchNormState(2);
});

const MISSPELLED: [string, () => unknown, RegExp][] = [
  ["optim.Adam", () => new optim.Adam({ beta1: 0.9 } as never), /optim\.Adam: unknown option "beta1"/],
  ["init.xavierUniform", () => init.xavierUniform([2, 2], { gian: 2 } as never), /init\.xavierUniform: unknown option "gian" \(known: gain, truncated, seed\)/],
  ["init.kaimingNormal", () => init.kaimingNormal([2, 2], { nonlinarity: "relu" } as never), /init\.kaimingNormal: unknown option "nonlinarity"/],
  ["nn.dropoutForward", () => nn.dropoutForward([[1, 2]], { rate: 0.5 } as never), /nn\.dropoutForward: unknown option "rate"/],
  ["nn.batchNormForward", () => nn.batchNormForward([[1, 2]], [1, 1], [0, 0], bnState, { train: true } as never), /nn\.batchNormForward: unknown option "train"/],
  ["losses.crossEntropy", () => losses.crossEntropy([0], [[1, 2]], { reduce: "sum" } as never), /losses\.crossEntropy: unknown option "reduce"/],
  ["losses.huber", () => losses.huber([0], [1], { delat: 1 } as never), /losses\.huber: unknown option "delat"/],
];

for (const [name, call, message] of MISSPELLED) {
  test(`${name} rejects a misspelled option`, () => {
    const before = tf.memory().numTensors;
    assert.throws(call, message);
    assert.equal(tf.memory().numTensors, before, "no tensor leaked by the failed call");
  });
}

test("metrics reject a misspelled option too", () => {
  assert.throws(() => metrics.precision([0, 1], [0, 1], { averge: "macro" } as never), /^Error: metrics\.precision: unknown option "averge" \(known: average, posLabel, labels, zeroDivision\)$/);
  assert.throws(() => metrics.rocAuc([0, 1], [0.2, 0.8], { pos_label: 1 } as never), /metrics\.rocAuc: unknown option "pos_label"/);
});
