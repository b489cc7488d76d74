import { test } from "node:test";
import assert from "node:assert/strict";
import { optim } from "dlcourse";
import { testScheduleFixtures } from "./helpers";

testScheduleFixtures("OneCycleLR");

test("OneCycleLR starts at maxLr / divFactor, ends at that / finalDivFactor, and refuses extra steps", () => {
  const opt = new optim.SGD({ lr: 1, momentum: 0.9 });
  const sched = new optim.OneCycleLR(opt, { maxLr: 1, totalSteps: 10, divFactor: 10, finalDivFactor: 100 });
  assert.ok(Math.abs(opt.lr - 0.1) < 1e-15 && opt.momentum === 0.95, `start ${opt.lr}, ${opt.momentum}`);
  for (let i = 0; i < 9; i++) sched.step();
  assert.ok(Math.abs(opt.lr - 0.001) < 1e-15, `final lr ${opt.lr}`);
  sched.step(); // step 10 = totalSteps is still allowed, as in PyTorch
  assert.throws(() => sched.step(), /optim\.OneCycleLR: stepped 11 times, past totalSteps 10/);
});

test("OneCycleLR needs a length", () => {
  const opt = new optim.SGD({ lr: 1, momentum: 0.9 });
  assert.throws(() => new optim.OneCycleLR(opt, { maxLr: 1 }), /give totalSteps, or epochs and stepsPerEpoch/);
  assert.throws(() => new optim.OneCycleLR(opt, { totalSteps: 10 } as never), /option maxLr is required/);
  assert.throws(() => new optim.OneCycleLR(opt, { maxLr: 1, totalSteps: 10, annealStrategy: "exp" as never }), /expected annealStrategy one of "cos", "linear"/);
});
