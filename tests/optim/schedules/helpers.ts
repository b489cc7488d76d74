// Runs the schedule fixtures of tests/fixtures/optim/schedules.json (torch.optim.lr_scheduler).
import { test } from "node:test";
import { optim } from "dlcourse";
import { assertClose, loadFixture, TORCH_STEPS, make, type OptimizerName } from "../helpers";

interface ScheduleCase {
  scheduler: string;
  options: Record<string, unknown>;
  optimizer: OptimizerName;
  optimizerOptions: Record<string, unknown>;
  steps: number;
  metric: number[] | null;
  lrs: number[];
  momentums: (number | null)[];
}

type Ctor = new (o: optim.Schedulable, options: Record<string, unknown>) => optim.Schedule;

/** Registers one test per fixture case of `name`: lr (and momentum) after each step match torch. */
export function testScheduleFixtures(name: string): void {
  const cases = loadFixture<{ cases: ScheduleCase[] }>("schedules.json").cases.filter((c) => c.scheduler === name);
  if (cases.length === 0) throw new Error(`no fixture cases for ${name}`);
  for (const c of cases) {
    test(`${name} ${JSON.stringify(c.options)} on ${c.optimizer}: lr${c.momentums[0] != null ? " and momentum" : ""} over ${c.steps} steps match torch`, () => {
      const opt = make(c.optimizer, c.optimizerOptions);
      const Sched = (optim as unknown as Record<string, Ctor>)[name];
      const sched = new Sched(opt, c.options);
      const lrs = [opt.lr];
      const moms = [opt.momentum ?? null];
      for (let i = 0; i < c.steps; i++) {
        sched.step(c.metric?.[i]);
        lrs.push(sched.getLastLr());
        moms.push(opt.momentum ?? null);
      }
      assertClose(lrs, c.lrs, "lr", { rtol: 1e-9, atol: 1e-12 });
      if (c.momentums[0] != null) assertClose(moms as number[], c.momentums as number[], "momentum", { rtol: 1e-9, atol: 1e-12 });
      opt.dispose();
    });
  }
}
