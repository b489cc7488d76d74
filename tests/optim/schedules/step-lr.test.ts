import { test } from "node:test";
import assert from "node:assert/strict";
import { optim } from "dlcourse";
import { testScheduleFixtures } from "./helpers";

testScheduleFixtures("StepLR");

test("StepLR is chainable: it multiplies the lr the optimizer has now", () => {
  const opt = new optim.SGD({ lr: 1 });
  const sched = new optim.StepLR(opt, { stepSize: 2, gamma: 0.5 });
  sched.step(); // t = 1: unchanged
  opt.lr = 10; // a manual change survives
  sched.step(); // t = 2: 10 * 0.5
  assert.equal(opt.lr, 5);
});

test("StepLR rejects missing or bad options by name", () => {
  const opt = new optim.SGD({ lr: 1 });
  assert.throws(() => new optim.StepLR(opt, {} as never), /optim\.StepLR: option stepSize is required/);
  assert.throws(() => new optim.StepLR(opt, { stepSize: 1.5 }), /optim\.StepLR: expected stepSize a positive integer, got 1\.5/);
  assert.throws(() => new optim.StepLR(opt, { stepSize: 2, gamma: -1 }), /expected gamma >= 0, got -1/);
  assert.throws(() => new optim.StepLR(opt, { step_size: 2 } as never), /unknown option "step_size"/);
  assert.throws(() => new optim.StepLR({} as never, { stepSize: 2 }), /optim\.StepLR: expected an optimizer with a numeric lr/);
});
