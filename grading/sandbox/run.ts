/**
 * One running student process: spawns it (detached, so the whole group can be killed), frames
 * messages on its private socket, polls its resident memory, and fails every pending call with
 * the reason when it dies or is killed.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import type { Socket } from "node:net";
import v8 from "node:v8";
import { answerTooLarge } from "./answer-size";
import { ProcessTree } from "./proc-tree";
import type { LoadReport, SandboxLimits } from "./sandbox";

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };

export class Run {
  readonly child: ChildProcess;
  readonly ready: Promise<LoadReport>;
  private pending = new Map<number, Pending>();
  private nextId = 1;
  private dead: string | null = null;
  private buf = Buffer.alloc(0);
  private onReady!: Pending;
  private watchdog: NodeJS.Timeout;
  private tree: ProcessTree | null;

  constructor(cmd: { cmd: string; args: string[] }, cwd: string, private limits: SandboxLimits, private output: (s: string) => void) {
    this.ready = new Promise((resolve, reject) => (this.onReady = { resolve: resolve as (v: unknown) => void, reject }));
    // DLCOURSE_THREADS=1: wasm on one thread (the permission model forbids its workers anyway, and
    // the call budgets are CPU time of the process tree: threads would spend it faster).
    const env = { PATH: "/usr/bin:/bin", DOTENV_CONFIG_QUIET: "true", TF_CPP_MIN_LOG_LEVEL: "2", HOME: cwd, DLCOURSE_THREADS: "1" };
    this.child = spawn(cmd.cmd, cmd.args, { cwd, env, stdio: ["ignore", "pipe", "pipe", "pipe"], detached: true });
    this.child.stdout!.on("data", (d: Buffer) => this.output(d.toString()));
    this.child.stderr!.on("data", (d: Buffer) => this.output(d.toString()));
    const sock = this.child.stdio[3] as Socket;
    sock.on("data", (d: Buffer) => this.receive(d));
    sock.on("error", () => undefined);
    this.child.on("exit", (code, signal) => this.fail(this.dead ?? `ваш код завершил процесс проверки (${signal ? `сигнал ${signal}` : `код выхода ${code}`})`));
    this.child.on("error", (e) => this.fail(`песочница не запустилась: ${e.message}`));
    this.tree = this.child.pid != null && fs.existsSync("/proc/self/stat") ? new ProcessTree(this.child.pid) : null;
    this.watchdog = setInterval(() => this.checkMemory(), 50);
  }

  /** Resident memory of the whole tree (the wrappers fork; node is a grandchild). */
  private checkMemory(): void {
    const rssKb = this.tree?.usage()?.rssKb ?? 0;
    if (rssKb > this.limits.memoryMb * 1024) this.kill(`превышен лимит памяти (${this.limits.memoryMb} МиБ)`);
  }

  /** CPU time (user + system) the student's process tree has used, in ms; null once it is gone. */
  cpuMs(): number | null {
    return this.tree?.usage()?.cpuMs ?? null;
  }

  private receive(d: Buffer): void {
    this.buf = Buffer.concat([this.buf, d]);
    while (this.buf.length >= 4) {
      const n = this.buf.readUInt32BE(0);
      if (n > this.limits.maxMessageBytes) return this.kill(`ответ больше ${this.limits.maxMessageBytes >> 20} МиБ`);
      if (this.buf.length < 4 + n) return;
      let msg: { type?: unknown; id?: unknown; ok?: unknown; value?: unknown; error?: unknown; names?: unknown; errors?: unknown };
      try {
        msg = v8.deserialize(this.buf.subarray(4, 4 + n));
      } catch {
        return this.kill("песочница прислала испорченное сообщение");
      }
      this.buf = this.buf.subarray(4 + n);
      // Before anything iterates it: a few bytes can declare billions of elements.
      const tooLarge = answerTooLarge(msg);
      if (tooLarge) return this.kill(tooLarge);
      this.dispatch(msg ?? {});
    }
  }

  private dispatch(msg: { type?: unknown; id?: unknown; ok?: unknown; value?: unknown; error?: unknown; names?: unknown; errors?: unknown }): void {
    if (msg.type === "ready") {
      const names = Array.isArray(msg.names) ? msg.names.filter((x): x is string => typeof x === "string") : [];
      const errors = Array.isArray(msg.errors) ? msg.errors.slice(0, 100).map((e) => ({ cell: Number(e?.cell), message: String(e?.message).slice(0, 2000) })) : [];
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
