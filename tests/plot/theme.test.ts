import { test } from "node:test";
import assert from "node:assert/strict";
import { plot } from "dlcourse";

test("optimizers and activations keep their colour however they are spelled", () => {
  assert.equal(plot.colorFor("Adam", 5), plot.PALETTE.adam);
  assert.equal(plot.colorFor("Adam (lr=0.01)", 0), plot.PALETTE.adam);
  assert.equal(plot.colorFor("RMSprop", 3), plot.colorFor("RMSProp", 0));
  assert.equal(plot.colorFor("leaky_relu", 0), plot.colorFor("LeakyReLU", 4));
  assert.equal(plot.colorFor("ReLU", 1), "#2ca02c");
});

test("each family has distinct colours", () => {
  for (const family of [["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adadelta", "adam"], ["sigmoid", "tanh", "relu", "leakyrelu", "elu"], ["train", "validation", "test"]]) {
    const colors = family.map((k) => plot.PALETTE[k]);
    assert.equal(new Set(colors).size, family.length, family.join(","));
  }
});

test("unknown names take the sequence by position", () => {
  assert.equal(plot.colorFor("my model", 0), plot.SEQUENCE[0]);
  assert.equal(plot.colorFor(undefined, 12), plot.SEQUENCE[2]);
});

test("setLocale switches built-in labels and rejects unknown languages", () => {
  try {
    plot.setLocale("en");
    assert.equal(plot.words().fpr, "False positive rate");
  } finally {
    plot.setLocale("ru");
  }
  assert.equal(plot.words().step, "шаг");
  assert.throws(() => plot.setLocale("de" as never), /plot.setLocale: expected "ru" or "en", got "de"/);
});
