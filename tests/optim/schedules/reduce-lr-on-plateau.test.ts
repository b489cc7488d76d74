import { test } from "node:test";
import assert from "node:assert/strict";
import { optim } from "dlcourse";
import { testScheduleFixtures } from "./helpers";

testScheduleFixtures("ReduceLROnPlateau");

test("ReduceLROnPlateau by hand: patience 1 reduces on the second bad step, never below minLr", () => {
  const opt = new optim.SGD({ lr: 1 });
  const sched = new optim.ReduceLROnPlateau(opt, { patience: 1, factor: 0.5, minLr: 0.3 });
  const lrs: number[] = [];
  for (const loss of [1, 1, 1, 1, 1, 1, 1]) (sched.step(loss), lrs.push(opt.lr));
  // best = 1 after step 1; bad steps 2, 3 -> reduce at 3 (0.5); 4, 5 -> 0.3 (clamped); then stays.
  assert.deepEqual(lrs, [1, 1, 0.5, 0.5, 0.3, 0.3, 0.3]);
});

test("ReduceLROnPlateau needs a metric and valid options", () => {
  const opt = new optim.SGD({ lr: 1 });
  assert.throws(() => new optim.ReduceLROnPlateau(opt, { factor: 1.5 }), /optim\.ReduceLROnPlateau: expected factor in \[0, 1\), got 1\.5/);
  assert.throws(() => new optim.ReduceLROnPlateau(opt, { mode: "minimum" as never }), /expected mode one of "min", "max"/);
  assert.throws(() => new optim.ReduceLROnPlateau(opt).step(), /step: expected the metric as a finite number, got undefined/);
});
