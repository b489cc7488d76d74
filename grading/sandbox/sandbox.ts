/**
 * The trusted side of the sandbox: starts the student process, calls student functions over a
 * private socket, and enforces the wall-clock and memory limits from outside. A call that runs
 * out of time or memory, or a process that exits, fails that call only: the next call starts a
 * fresh process (up to `maxStarts`), so one runaway function does not cost the other tests.
 */
import { giveToSandbox, sandboxCommand, type IsolationLevel, type IsolationOptions } from "./isolation";
import { Run } from "./run";

export interface SandboxLimits {
  /** Time to load the notebook (setup and solution cells), ms. */
  loadMs: number;
  /** Time for one call of a student function, ms. */
  callMs: number;
  /** Per-function limits for one call, ms, over `callMs` (a training call may need more than a prediction). */
  callMsByName?: Record<string, number>;
  /** Resident memory of the student process, MiB. */
  memoryMb: number;
  /** Largest answer a call may send back, bytes. */
  maxMessageBytes: number;
  /** How many times the student process may be started. */
  maxStarts: number;
}

export const DEFAULT_LIMITS: SandboxLimits = { loadMs: 60_000, callMs: 15_000, memoryMb: 2048, maxMessageBytes: 64 << 20, maxStarts: 3 };

export interface LoadReport {
  names: string[];
  errors: { cell: number; message: string }[];
}

/** How much longer than its CPU budget a call may take by the clock on a busy machine. */
const WALL_FACTOR = 4;

/**
 * Runs onTimeout unless p settles within a budget of `ms` of the student process's CPU time
 * (`cpuMs`), so that a grader on a loaded machine (a JupyterHub node, CI) does not call slow but
 * finite code an endless loop; the clock still ends it after WALL_FACTOR x ms. Without a CPU
 * reading (no /proc), the budget is wall time.
 */
const withTimeout = <T>(p: Promise<T>, ms: number, onTimeout: () => void, cpuMs: () => number | null = () => null): Promise<T> =>
  new Promise((resolve, reject) => {
    const began = Date.now();
    const cpu0 = cpuMs();
    const check = () => {
      const cpu = cpuMs();
      const used = cpu0 == null || cpu == null ? Date.now() - began : cpu - cpu0;
      if (used >= ms || Date.now() - began >= WALL_FACTOR * ms) return onTimeout();
      t = setTimeout(check, Math.max(50, ms - used));
    };
    let t = setTimeout(check, ms);
    p.then((v) => (clearTimeout(t), resolve(v)), (e) => (clearTimeout(t), reject(e)));
  });

/** A student program behind a process boundary; `call` restarts it after a crash or time-out. */
export class Sandbox {
  private run: Run | null = null;
  private starts = 0;
  private loadFailure: string | null = null;
  /** The first load's report (cell errors are shown in the feedback). */
  firstLoad: LoadReport | null = null;
  /** What the student's code printed (last 20 000 characters). */
  output = "";
  /** How the student process was isolated (set at its first start). */
  isolation: IsolationLevel | null = null;

  constructor(private iso: IsolationOptions, private program: string, private limits: SandboxLimits = DEFAULT_LIMITS) {}

  private muted = false;

  private append = (s: string): void => {
    if (!this.muted) this.output = (this.output + s).slice(-20_000);
  };

  /** Stops collecting what the student's code prints; `note` ends the output instead. */
  muteOutput(note: string): void {
    if (this.muted) return;
    this.output = (this.output + `\n${note}\n`).slice(-20_000);
    this.muted = true;
  }

  private async start(): Promise<Run> {
    if (this.run?.alive) return this.run;
    // Loading is deterministic: if it failed once it would fail again, so it is not retried.
    if (this.loadFailure) throw new Error(this.loadFailure);
    if (this.starts >= this.limits.maxStarts) throw new Error(`не запускалось: ваш код уже останавливали ${this.starts} раза (причины — в тестах выше)`);
    this.starts++;
    const cmd = sandboxCommand(this.iso, this.program);
    this.isolation = cmd.level;
    const run = new Run(cmd, this.iso.scratch, this.limits, this.append);
    this.run = run;
    let report: LoadReport;
    try {
      report = await withTimeout(run.ready, this.limits.loadMs, () => run.kill(`загрузка блокнота заняла больше ${this.limits.loadMs / 1000} с (бесконечный цикл вне функций?)`), () => run.cpuMs());
    } catch (e) {
      this.loadFailure = `не запускалось: блокнот не загрузился (${(e as Error).message})`;
      throw e;
    }
    this.firstLoad ??= report;
    return run;
  }

  /** Loads the student program, returning what it defined and which cells failed. */
  async load(): Promise<LoadReport> {
    await this.start();
    return this.firstLoad!;
  }

  /** Calls a student function with serializable arguments; rejects with a message for the feedback. */
  async call(name: string, args: unknown[], ms = this.limits.callMsByName?.[name] ?? this.limits.callMs): Promise<unknown> {
    const run = await this.start();
    giveToSandbox(this.iso.scratch);
    return withTimeout(run.call(name, args), ms, () => run.kill(`${name} не завершилась за ${ms / 1000} с (бесконечный цикл?)`), () => run.cpuMs());
  }

  close(): void {
    this.run?.kill("closed");
  }
}
