// Shared by the optimizer tests: fixtures from tests/fixtures/optim (torch.optim reference values),
// the same 2-D functions and MLP as generate.py, and float32-tolerance comparison.
import assert from "node:assert/strict";
import { test } from "node:test";
import { optim, ready, tf } from "dlcourse";
import { assertClose, fixture, TORCH_STEPS } from "../helpers/tensors";

export { assertClose, TORCH_STEPS };

/** Reads tests/fixtures/optim/<name>. */
export const loadFixture = <T>(name: string): T => fixture<T>("optim", name);

export type OptimizerName = "SGD" | "Adagrad" | "Adadelta" | "RMSprop" | "Adam" | "AdamW" | "Adamax" | "NAdam";
export const OPTIMIZERS: OptimizerName[] = ["SGD", "Adagrad", "Adadelta", "RMSprop", "Adam", "AdamW", "Adamax", "NAdam"];

/** Builds an optimizer by its class name (options are checked by the constructor). */
export function make(name: OptimizerName, options: Record<string, unknown> = {}): optim.TorchOptimizer<optim.BaseOptions> {
  const Ctor = optim[name] as unknown as new (o: Record<string, unknown>) => optim.TorchOptimizer<optim.BaseOptions>;
  return new Ctor(options);
}

/** The 2-D test functions of generate.py, from the lib (so the fixtures pin them down too). */
export const FUNCTIONS: Record<string, (p: tf.Tensor1D) => tf.Scalar> = {
  rosenbrock: optim.rosenbrock(),
  valley: optim.narrowValley(),
  saddle: optim.saddle(),
};

interface TrajectoryCase {
  optimizer: OptimizerName;
  options: Record<string, unknown>;
  function: string;
  start: number[];
  steps: number;
  schedule?: { name: string; options: Record<string, unknown> };
  trajectory: number[][];
  losses: number[];
}

type ScheduleCtor = new (o: optim.Schedulable, options: Record<string, unknown>) => optim.Schedule;

/** Registers one test per fixture trajectory of `name`: every point and loss matches torch. */
export function testTrajectories(name: OptimizerName): void {
  const cases = loadFixture<{ cases: TrajectoryCase[] }>("optimizers.json").cases.filter((c) => c.optimizer === name);
  assert.ok(cases.length >= 4, `fixture has cases for ${name}`);
  for (const c of cases) {
    const under = c.schedule ? ` under ${c.schedule.name} ${JSON.stringify(c.schedule.options)}` : "";
    test(`${name} ${JSON.stringify(c.options)}${under} on ${c.function}: ${c.steps} steps match torch.optim`, async () => {
      await ready();
      const before = tf.memory().numTensors;
      const optimizer = make(name, c.options);
      const Sched = c.schedule && (optim as unknown as Record<string, ScheduleCtor>)[c.schedule.name];
      const schedule = Sched ? new Sched(optimizer, c.schedule!.options) : undefined;
      const { trajectory, losses } = optim.optimizePath(FUNCTIONS[c.function], c.start, { optimizer, steps: c.steps, schedule });
      c.trajectory.forEach((p, i) => assertClose(trajectory[i], p, `point ${i}`, TORCH_STEPS));
      assertClose(losses, c.losses, "losses", TORCH_STEPS);
      assert.equal(tf.memory().numTensors, before, "tensors leaked");
    });
  }
}

/** tests/fixtures/optim/mlp.json: a small MLP trained by torch.optim (gen beside it). */
export interface MlpFixture {
  x: number[][];
  labels: number[];
  classes: number;
  init: Record<string, number[] | number[][]>;
  steps: number;
  runs: Record<string, { options: Record<string, unknown>; losses: number[]; final: Record<string, number[] | number[][]> }>;
}

/** Registers a test training the fixture MLP (N=16, D=4, M=8, C=3) with `name` for a few steps. */
export function testMlp(name: OptimizerName): void {
  test(`${name} trains the reference MLP like torch.optim (losses and final weights)`, async () => {
    await ready();
    const f = loadFixture<MlpFixture>("mlp.json");
    const run = f.runs[name];
    const before = tf.memory().numTensors;
    const params = Object.fromEntries(Object.entries(f.init).map(([k, v]) => [k, tf.tidy(() => tf.variable(tf.tensor(v)))]));
    const x = tf.tensor2d(f.x);
    const y = tf.tidy(() => tf.oneHot(tf.tensor1d(f.labels, "int32"), f.classes));
    const opt = make(name, run.options);
    const losses: number[] = [];
    for (let i = 0; i < f.steps; i++) {
      const loss = opt.minimize(() => {
        const logits = tf.add(tf.matMul(tf.tanh(tf.add(tf.matMul(x, params.w1), params.b1)), params.w2), params.b2);
        return tf.neg(tf.mean(tf.sum(tf.mul(y, tf.logSoftmax(logits)), 1))) as tf.Scalar;
      }, true, Object.values(params));
      losses.push(loss!.dataSync()[0]);
      loss!.dispose();
    }
    assertClose(losses, run.losses, "losses", TORCH_STEPS);
    for (const [k, v] of Object.entries(run.final)) assertClose(Array.from(params[k].dataSync()), (v as number[]).flat(), k, TORCH_STEPS);
    tf.dispose([x, y, ...Object.values(params)]);
    opt.dispose();
    assert.equal(tf.memory().numTensors, before, "tensors leaked");
  });
}
