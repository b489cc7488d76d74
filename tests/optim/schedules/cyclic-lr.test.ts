import { test } from "node:test";
import assert from "node:assert/strict";
import { optim } from "dlcourse";
import { testScheduleFixtures } from "./helpers";

testScheduleFixtures("CyclicLR");

test("CyclicLR triangular by hand: base -> max in stepSizeUp steps and back", () => {
  // baseLr 0, maxLr 1, up = down = 2: lr = 0, 0.5, 1, 0.5, 0, 0.5 ...
  const opt = new optim.SGD({ lr: 9 });
  const sched = new optim.CyclicLR(opt, { baseLr: 0, maxLr: 1, stepSizeUp: 2, cycleMomentum: false });
  const lrs = [opt.lr];
  for (let i = 0; i < 5; i++) (sched.step(), lrs.push(opt.lr));
  assert.deepEqual(lrs, [0, 0.5, 1, 0.5, 0, 0.5]);
});

test("CyclicLR takes a custom scale function", () => {
  const opt = new optim.SGD({ lr: 1 });
  const sched = new optim.CyclicLR(opt, { baseLr: 0, maxLr: 1, stepSizeUp: 1, cycleMomentum: false, scaleFn: (c) => 1 / c });
  const lrs = [opt.lr];
  for (let i = 0; i < 4; i++) (sched.step(), lrs.push(opt.lr));
  assert.deepEqual(lrs, [0, 1, 0, 0.5, 0]);
});

test("CyclicLR rejects bad options and momentum-free optimizers", () => {
  const opt = new optim.SGD({ lr: 1 });
  assert.throws(() => new optim.CyclicLR(opt, { maxLr: 1 } as never), /optim\.CyclicLR: option baseLr is required/);
  assert.throws(() => new optim.CyclicLR(opt, { baseLr: 0, maxLr: 1, mode: "sine" as never }), /expected mode one of "triangular", "triangular2", "exp_range", got "sine"/);
  assert.throws(() => new optim.CyclicLR(opt, { baseLr: -1, maxLr: 1 }), /expected baseLr >= 0, got -1/);
  assert.throws(() => new optim.CyclicLR(new optim.Adagrad(), { baseLr: 0, maxLr: 1 }), /cycleMomentum needs an optimizer with momentum or betas/);
});
