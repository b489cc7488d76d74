/**
 * The trusted side of the sandbox: starts the student process, calls student functions over a
 * private socket, and enforces the wall-clock and memory limits from outside. A call that runs
 * out of time or memory, or a process that exits, fails that call only: the next call starts a
 * fresh process (up to `maxStarts`), so one runaway function does not cost the other tests.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import type { Socket } from "node:net";
import v8 from "node:v8";
import { sandboxCommand, type IsolationOptions } from "./isolation";

export interface SandboxLimits {
  /** Time to load the notebook (setup and solution cells), ms. */
  loadMs: number;
  /** Time for one call of a student function, ms. */
  callMs: number;
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

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };

/** One running student process. */
class Run {
  readonly child: ChildProcess;
  readonly ready: Promise<LoadReport>;
  private pending = new Map<number, Pending>();
  private nextId = 1;
  private dead: string | null = null;
  private buf = Buffer.alloc(0);
  private onReady!: Pending;
  private watchdog: NodeJS.Timeout;

  constructor(cmd: { cmd: string; args: string[] }, cwd: string, private limits: SandboxLimits, private output: (s: string) => void) {
    this.ready = new Promise((resolve, reject) => (this.onReady = { resolve: resolve as (v: unknown) => void, reject }));
    this.child = spawn(cmd.cmd, cmd.args, { cwd, env: { PATH: "/usr/bin:/bin", DOTENV_CONFIG_QUIET: "true", TF_CPP_MIN_LOG_LEVEL: "2", HOME: cwd }, stdio: ["ignore", "pipe", "pipe", "pipe"], detached: true });
    this.child.stdout!.on("data", (d: Buffer) => this.output(d.toString()));
    this.child.stderr!.on("data", (d: Buffer) => this.output(d.toString()));
    const sock = this.child.stdio[3] as Socket;
    sock.on("data", (d: Buffer) => this.receive(d));
    sock.on("error", () => undefined);
    this.child.on("exit", (code, signal) => this.fail(this.dead ?? `your code ended the grading process (${signal ? `signal ${signal}` : `exit code ${code}`})`));
    this.child.on("error", (e) => this.fail(`the sandbox could not start: ${e.message}`));
    this.watchdog = setInterval(() => this.checkMemory(), 50);
  }

  private checkMemory(): void {
    const pid = this.child.pid;
    if (pid == null) return;
    let rssKb = 0;
    try {
      const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
      rssKb = m ? Number(m[1]) : 0;
    } catch {
      return;
    }
    if (rssKb > this.limits.memoryMb * 1024) this.kill(`memory limit exceeded (${this.limits.memoryMb} MiB)`);
  }

  private receive(d: Buffer): void {
    this.buf = Buffer.concat([this.buf, d]);
    while (this.buf.length >= 4) {
      const n = this.buf.readUInt32BE(0);
      if (n > this.limits.maxMessageBytes) return this.kill(`an answer was larger than ${this.limits.maxMessageBytes >> 20} MiB`);
      if (this.buf.length < 4 + n) return;
      let msg: { type?: unknown; id?: unknown; ok?: unknown; value?: unknown; error?: unknown; names?: unknown; errors?: unknown };
      try {
        msg = v8.deserialize(this.buf.subarray(4, 4 + n));
      } catch {
        return this.kill("the sandbox sent a malformed message");
      }
      this.buf = this.buf.subarray(4 + n);
      this.dispatch(msg ?? {});
    }
  }

  private dispatch(msg: { type?: unknown; id?: unknown; ok?: unknown; value?: unknown; error?: unknown; names?: unknown; errors?: unknown }): void {
    if (msg.type === "ready") {
      const names = Array.isArray(msg.names) ? msg.names.filter((x): x is string => typeof x === "string") : [];
      const errors = Array.isArray(msg.errors) ? msg.errors.map((e) => ({ cell: Number(e?.cell), message: String(e?.message).slice(0, 2000) })) : [];
      this.onReady.resolve({ names, errors });
      return;
    }
    const p = typeof msg.id === "number" ? this.pending.get(msg.id) : undefined;
    if (!p) return;
    this.pending.delete(msg.id as number);
    if (msg.ok === true) p.resolve(msg.value);
    else p.reject(new Error(String(msg.error).slice(0, 2000)));
  }

  call(name: string, args: unknown[]): Promise<unknown> {
    if (this.dead) return Promise.reject(new Error(this.dead));
    const id = this.nextId++;
    const body = v8.serialize({ type: "call", id, name, args });
    const head = Buffer.alloc(4);
    head.writeUInt32BE(body.length);
    (this.child.stdio[3] as Socket).write(Buffer.concat([head, body]));
    return new Promise((resolve, reject) => this.pending.set(id, { resolve, reject }));
  }

  get alive(): boolean {
    return this.dead == null;
  }

  kill(reason: string): void {
    if (this.dead == null) this.dead = reason;
    try {
      process.kill(-this.child.pid!, "SIGKILL");
    } catch {
      /* already gone */
    }
    this.fail(reason);
  }

  private fail(reason: string): void {
    if (this.dead == null) this.dead = reason;
    clearInterval(this.watchdog);
    this.onReady.reject(new Error(this.dead));
    for (const p of this.pending.values()) p.reject(new Error(this.dead));
    this.pending.clear();
  }
}

const withTimeout = <T>(p: Promise<T>, ms: number, onTimeout: () => void): Promise<T> =>
  new Promise((resolve, reject) => {
    const t = setTimeout(onTimeout, ms);
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
  networkIsolated = false;

  constructor(private iso: IsolationOptions, private program: string, private limits: SandboxLimits = DEFAULT_LIMITS) {}

  private append = (s: string): void => {
    this.output = (this.output + s).slice(-20_000);
  };

  private async start(): Promise<Run> {
    if (this.run?.alive) return this.run;
    // Loading is deterministic: if it failed once it would fail again, so it is not retried.
    if (this.loadFailure) throw new Error(this.loadFailure);
    if (this.starts >= this.limits.maxStarts) throw new Error(`not run: your code was stopped ${this.starts} times already (see the earlier failures)`);
    this.starts++;
    const cmd = sandboxCommand(this.iso, this.program);
    this.networkIsolated = cmd.networkIsolated;
    const run = new Run(cmd, this.iso.scratch, this.limits, this.append);
    this.run = run;
    let report: LoadReport;
    try {
      report = await withTimeout(run.ready, this.limits.loadMs, () => run.kill(`loading the notebook took longer than ${this.limits.loadMs / 1000} s (an endless loop at top level?)`));
    } catch (e) {
      this.loadFailure = `not run: the notebook did not load (${(e as Error).message})`;
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
  async call(name: string, args: unknown[], ms = this.limits.callMs): Promise<unknown> {
    const run = await this.start();
    return withTimeout(run.call(name, args), ms, () => run.kill(`${name} did not finish within ${ms / 1000} s (an endless loop?)`));
  }

  close(): void {
    this.run?.kill("closed");
  }
}
