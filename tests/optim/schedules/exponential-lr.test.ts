import { test } from "node:test";
import assert from "node:assert/strict";
import { optim } from "dlcourse";
import { testScheduleFixtures } from "./helpers";

testScheduleFixtures("ExponentialLR");

test("ExponentialLR needs gamma and leaves the first lr alone", () => {
  const opt = new optim.Adam({ lr: 0.2 });
  assert.throws(() => new optim.ExponentialLR(opt, {} as never), /optim\.ExponentialLR: option gamma is required/);
  const sched = new optim.ExponentialLR(opt, { gamma: 0.5 });
  assert.equal(sched.getLastLr(), 0.2);
  assert.equal(sched.lastEpoch, 0);
  sched.step();
  assert.equal(opt.lr, 0.1);
});
