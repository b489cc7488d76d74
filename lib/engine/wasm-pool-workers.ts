/**
 * The pthread pool workers of tfjs-backend-wasm's threaded build (lib/engine/wasm-threads.ts):
 * real ones only for the threads asked for, started without the parent's node flags.
 */
import workerThreads from "node:worker_threads";

/**
 * A stand-in for a pre-started pool worker no thread will run on: it answers the glue's "load"
 * with "loaded" and nothing else (no thread, no V8 isolate). The threaded build pre-starts 8
 * workers whatever the thread count; each real one costs ~40 ms of start-up and ~10 MB.
 */
export class IdleWorker {
  readonly idle = true;
  onmessage?: (e: { data: unknown }) => void;
  on(): this { return this; }
  postMessage(msg: { cmd?: string }): void {
    if (msg?.cmd === "load") setImmediate(() => this.onmessage?.({ data: { cmd: "loaded" } }));
  }
  ref(): void {}
  unref(): void {}
  terminate(): void {}
}

/**
 * Runs `start` with worker_threads' Worker replaced: the first `real` workers start without the
 * parent's node flags (no TypeScript loader in a worker that runs only wasm), the others idle.
 * The emscripten glue reads `require("worker_threads").Worker` while `start` runs, synchronously.
 *
 * @param real - how many workers are real (the pool's threads)
 * @param start - what creates the workers (the glue's factory call)
 * @param made - receives the real workers (to stop them if the start fails)
 * @returns what `start` returns
 * @example
 * const module = await withPoolWorkers(1, () => factory(config), []);
 */
export function withPoolWorkers<T>(real: number, start: () => T, made: workerThreads.Worker[]): T {
  const Original = workerThreads.Worker;
  const Shim = function (file: string, options?: workerThreads.WorkerOptions) {
    if (made.length >= real) return new IdleWorker();
    const worker = new Original(file, { execArgv: [], ...options });
    made.push(worker);
    return worker;
  };
  const exportsObject = workerThreads as unknown as { Worker: unknown };
  exportsObject.Worker = Shim;
  try {
    return start();
  } finally {
    exportsObject.Worker = Original;
  }
}
