/**
 * Where a cell's output goes: stdout/stderr streams, display data, clear_output.
 *
 * Output follows the most recent execute request, as in ipykernel, so text printed by a timer a
 * cell started lands in that cell. Library stderr policy: text written to stderr by code under
 * node_modules (tfjs, danfo, natural...) or by Node itself goes to the kernel's own stderr
 * (the terminal or log of the Jupyter server), not into the cell; stderr written by the cell's
 * code, by the course lib or by local modules stays in the cell. `DLCOURSE_LIBRARY_STDERR=cell`
 * shows everything in the cell, for debugging.
 */
import { DISPLAY_HOST_KEY, type DisplayContent, type DisplayHost } from "dlcourse/display/types";

/** Metadata and binary buffers of an IOPub message (comm messages use them). */
export interface PublishExtra {
  metadata?: object;
  buffers?: Uint8Array[];
}

/** Sends one message on IOPub, parented to the request being answered. */
export type Publish = (msgType: string, content: object, extra?: PublishExtra) => void;

const FRAME_FILE = /^\s*at (?:.*? \()?(.+?):\d+:\d+\)?$/;
const NODE_MODULES = /[\\/]node_modules[\\/]/;

/** True if the stack of a stderr write shows it was made by a library or Node, not by user code. */
export function writtenByLibrary(stack: string, kernelDir: string): boolean {
  for (const line of stack.split("\n").slice(1)) {
    const file = FRAME_FILE.exec(line)?.[1];
    if (!file || file.startsWith("node:") || file.startsWith(kernelDir)) continue;
    return NODE_MODULES.test(file);
  }
  return true; // only Node's own frames: process warnings and the like
}

function decode(chunk: string | Uint8Array): string {
  return typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
}

/** The kernel's output router; {@link install} puts it in place of process.stdout/stderr. */
export class Output implements DisplayHost {
  private target: Publish | null = null;
  private readonly original = { stdout: process.stdout.write.bind(process.stdout), stderr: process.stderr.write.bind(process.stderr) };

  constructor(private readonly kernelDir: string, private readonly libraryStderrToCell = process.env.DLCOURSE_LIBRARY_STDERR === "cell") {}

  /** Sends later output to `publish` (the current request); returns the previous target. */
  attach(publish: Publish | null): Publish | null {
    const previous = this.target;
    this.target = publish;
    return previous;
  }

  /** Where output goes now (null before the first request). */
  current(): Publish | null {
    return this.target;
  }

  /** Runs `fn` with output sent to `publish`, then restores the previous target. */
  within<T>(publish: Publish | null, fn: () => T): T {
    const previous = this.attach(publish);
    try {
      return fn();
    } finally {
      this.attach(previous);
    }
  }

  stream(name: "stdout" | "stderr", text: string): void {
    if (!text) return;
    try {
      if (this.target) return this.target("stream", { name, text });
    } catch {
      // The channel is gone (the kernel is shutting down): keep the text in the kernel's log.
    }
    this.original[name](text);
  }

  /** Writes to the kernel's own stderr (the Jupyter server's terminal), never to a cell. */
  log(text: string): void {
    this.original.stderr(text);
  }

  display(content: DisplayContent, update: boolean): void {
    if (!this.target) throw new Error("display: no cell is running");
    this.target(update ? "update_display_data" : "display_data", content);
  }

  clearOutput(wait: boolean): void {
    if (!this.target) throw new Error("clearOutput: no cell is running");
    this.target("clear_output", { wait });
  }

  /** Routes process.stdout/stderr and the display API (ours and tslab's) through this object. */
  install(): void {
    const write = (name: "stdout" | "stderr") =>
      ((chunk: string | Uint8Array, encoding?: unknown, callback?: unknown) => {
        const text = decode(chunk);
        if (name === "stderr" && !this.libraryStderrToCell && writtenByLibrary(new Error().stack ?? "", this.kernelDir)) this.log(text);
        else this.stream(name, text);
        const done = typeof encoding === "function" ? encoding : callback;
        if (typeof done === "function") process.nextTick(done as () => void);
        return true;
      }) as typeof process.stdout.write;
    process.stdout.write = write("stdout");
    process.stderr.write = write("stderr");
    (globalThis as Record<string, unknown>)[DISPLAY_HOST_KEY] = this;
    // tslab's own `display` (import * as tslab from "tslab") reads this writer.
    const tslab = require("tslab/dist/jupyter") as { lastWriteDisplayData: unknown };
    tslab.lastWriteDisplayData = (content: DisplayContent, update: boolean) => this.display(content, update);
  }
}
