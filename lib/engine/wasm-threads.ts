/**
 * The wasm backend on several threads in Node.
 *
 * tfjs-backend-wasm 4.22 ships a threaded SIMD build (XNNPACK's matmuls and convolutions split
 * over a pthread pool) but never selects it in Node: `WASM_HAS_MULTITHREAD_SUPPORT` is false
 * there, and forcing it fails with ERR_WORKER_PATH because the emscripten pthread workers start
 * from a `blob:` URL that Node's worker_threads refuse. This module registers a factory for the
 * "wasm" backend that starts the same threaded build itself: the workers from a file
 * (./wasm-worker.cjs), the glue script by its path in node_modules, and the core count the build
 * reads at start-up set so that the pool has exactly the threads asked for (tfjs caps it at half
 * the logical cores, i.e. 1 on a 2-core machine). When threads cannot start (Node's permission
 * model forbids workers, as in the grader's sandbox; no SharedArrayBuffer; the start fails) it
 * falls back to tfjs's single-threaded SIMD build and records why ({@link wasmThreads}).
 *
 * The kernels stay tfjs's own: the same `BackendWasm` runs on the threaded module, whose memory
 * is a SharedArrayBuffer (lib/engine's heap kernels and fused/simd.ts work on either).
 */
// Straight from tfjs, not ../backend: backend.ts imports the engine.
import * as tf from "@tensorflow/tfjs";
import fs from "node:fs";
import path from "node:path";
import * as wasmBackend from "@tensorflow/tfjs-backend-wasm";
import type { Worker } from "node:worker_threads";
import { withPoolWorkers } from "./wasm-pool-workers";

/** The threads the wasm backend computes on, and why fewer than requested if so. */
export interface WasmThreads {
  /** Threads asked for when the backend started (0: it has not started yet). */
  requested: number;
  /** Threads XNNPACK's pool actually has (1 until the backend starts). */
  threads: number;
  /** Why `threads < requested`, else null. */
  reason: string | null;
}

/** The pthread pool the threaded build pre-starts; tfjs never uses more. */
export const MAX_WASM_THREADS = 8;
const WASM_PRIORITY = 2;
const GLUE = "tfjs-backend-wasm-threaded-simd";
/** How long the workers may take to load before wasm falls back to one thread. */
const START_TIMEOUT_MS = 30_000;
const state: WasmThreads & { want: () => number } = { requested: 0, threads: 1, reason: null, want: () => 1 };
let installed = false;

interface EmscriptenWorker { unref(): void; terminate(): void; idle?: boolean }
interface ThreadedModule {
  cwrap(name: string, ret: string | null, args: string[]): (...a: number[]) => number;
  PThread: { runningWorkers: EmscriptenWorker[]; unusedWorkers: EmscriptenWorker[] };
  tfjs?: Record<string, unknown>;
}
type Factory = (config: Record<string, unknown>) => Promise<ThreadedModule>;
type WasmApi = { instantiate(b: Uint8Array, i: object): Promise<{ instance: object; module: object }> };

/** Why threads cannot start in this process, or null if nothing speaks against trying. */
function obstacle(): string | null {
  const permission = (process as { permission?: { has(scope: string): boolean } }).permission;
  if (permission && !permission.has("worker")) return "Node's permission model forbids worker threads here (--allow-worker is not set)";
  if (typeof SharedArrayBuffer !== "function") return "this Node has no SharedArrayBuffer";
  if (!fs.existsSync(path.join(__dirname, "wasm-worker.cjs"))) return "the worker script lib/engine/wasm-worker.cjs is missing";
  return null;
}

/** Starts the threaded emscripten module with a pool of `threads` and the workers from files. */
async function startThreaded(threads: number, workers: Worker[]): Promise<ThreadedModule> {
  const dir = path.join(path.dirname(require.resolve("@tensorflow/tfjs-backend-wasm/package.json")), "wasm-out");
  const factory = require(path.join(dir, `${GLUE}.js`)) as Factory;
  const module = await withPoolWorkers(threads - 1, () => factory({
    locateFile: (file: string) => (file.endsWith(".worker.js") ? path.join(__dirname, "wasm-worker.cjs") : path.join(dir, file)),
    mainScriptUrlOrBlob: path.join(dir, `${GLUE}.js`),
    instantiateWasm(info: { env: Record<string, unknown> }, receive: (instance: object, module: object) => void) {
      // tfjs sizes its pool as min(requested, logical cores / 2): report twice the threads asked for.
      info.env.emscripten_num_logical_cores = () => 2 * threads;
      const WA = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
      WA.instantiate(fs.readFileSync(path.join(dir, `${GLUE}.wasm`)), info).then((r) => receive(r.instance, r.module));
      return {};
    },
  }), workers);
  // pthread_create takes the last pool worker: the real ones go to the end.
  module.PThread.unusedWorkers.sort((a, b) => Number(b.idle ?? false) - Number(a.idle ?? false));
  const c = (name: string, ret: string | null, args: string[]) => module.cwrap(name, ret, args);
  module.tfjs = {
    init: c("init", null, []), initWithThreadsCount: c("init_with_threads_count", null, ["number"]),
    getThreadsCount: c("get_threads_count", "number", []), registerTensor: c("register_tensor", null, ["number", "number", "number"]),
    disposeData: c("dispose_data", null, ["number"]), dispose: c("dispose", null, []),
  };
  return module;
}

/** The backend on `threads` threads, or null (with `state.reason` set) where they cannot start. */
async function threadedBackend(threads: number): Promise<tf.KernelBackend | null> {
  state.reason = obstacle();
  if (state.reason) return null;
  const workers: Worker[] = [];
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`its workers did not load within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
  });
  try {
    const module = await Promise.race([startThreaded(threads, workers), late]);
    wasmBackend.setThreadsCount(threads);
    const backend = new wasmBackend.BackendWasm(module as never); // creates XNNPACK's pool
    // The pool's threads wait for work forever: let the process exit with them waiting, and stop
    // the pre-started workers no thread runs on.
    for (const w of module.PThread.runningWorkers) w.unref();
    for (const w of module.PThread.unusedWorkers) w.terminate();
    module.PThread.unusedWorkers = [];
    return backend;
  } catch (e) {
    for (const w of workers) void w.terminate();
    state.reason = `the threaded build did not start: ${e instanceof Error ? e.message : String(e)}`;
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs `start` and removes the process handlers the emscripten glue adds while it runs: it
 * rethrows every uncaught exception and unhandled rejection (the glue removes them itself only in
 * `_dispose`). They turned a kernel's late errors, which the kernel shows in a cell, into a crash
 * with a dump of the minified glue on stderr, e.g. tslab's "Socket is closed" at shutdown.
 */
async function withoutGlueHandlers<T>(start: () => Promise<T>): Promise<T> {
  type Listener = (...args: unknown[]) => void;
  const events = ["uncaughtException", "unhandledRejection"];
  const listeners = (e: string) => process.listeners(e as "uncaughtException") as Listener[];
  const before = events.map(listeners);
  try {
    return await start();
  } finally {
    events.forEach((e, i) => listeners(e).filter((l) => !before[i].includes(l)).forEach((l) => process.removeListener(e, l)));
  }
}

/**
 * Makes the "wasm" backend start on the number of threads `threads()` returns when it starts
 * (its first `tf.setBackend("wasm")`). Idempotent; called once by lib/backend.ts.
 *
 * @param threads - read when the backend starts: 1 keeps tfjs's single-threaded build
 * @returns nothing; {@link wasmThreads} tells what started
 * @example
 * installWasmThreads(() => 2);
 * await tf.setBackend("wasm");   // XNNPACK on 2 threads
 */
export function installWasmThreads(threads: () => number): void {
  state.want = threads;
  const stock = tf.findBackendFactory("wasm");
  if (installed || stock == null || tf.findBackend("wasm") != null) return; // started already: left as it is
  installed = true;
  tf.removeBackend("wasm");
  tf.registerBackend("wasm", async () => {
    const want = Math.min(state.want(), MAX_WASM_THREADS);
    Object.assign(state, { requested: want, threads: 1, reason: null });
    const backend = want > 1 ? await withoutGlueHandlers(() => threadedBackend(want)) : null;
    if (backend) state.threads = wasmBackend.getThreadsCount();
    return backend ?? (await withoutGlueHandlers(async () => stock()));
  }, WASM_PRIORITY);
}

/**
 * The default thread count: 1. Measured on the idle 2-core machine (bench/RESULTS.md, 2026-12-04
 * 23:08, and bench/README.md "Threads"), the threaded build made the course's default paths slower:
 * XNNPACK's pool splits every operator, even a [300, 50] ReLU, and waking the other thread costs
 * more than the work (spiral lecture loop x0.67, lib nn.Sequential x0.70, MNIST epoch x0.88); only
 * the CIFAR-10 CNN gained (x1.08). PyTorch runs small operators on one thread (grain size); tfjs's
 * pool cannot. So threads are asked for explicitly: `ready({ threads: n })` or `DLCOURSE_THREADS`.
 */
export const defaultThreads = (): number => 1;

/**
 * What the wasm backend runs on: threads requested and started, and why fewer if so.
 *
 * @returns a copy of the current state ({@link WasmThreads})
 * @example
 * wasmThreads(); // { requested: 2, threads: 2, reason: null }
 */
export function wasmThreads(): WasmThreads {
  return { requested: state.requested, threads: state.threads, reason: state.reason };
}

/**
 * Restarts the wasm backend on `threads` threads: for tests and bench/, which compare thread
 * counts in one process. Every tensor of the old backend is lost.
 *
 * @param threads - the new thread count (1: tfjs's single-threaded build)
 * @returns the state after the restart
 * @throws Error if the wasm backend was never installed through {@link installWasmThreads}
 */
export async function restartWasm(threads: number): Promise<WasmThreads> {
  const factory = tf.findBackendFactory("wasm");
  if (factory == null) throw new Error("restartWasm: expected the wasm backend to be registered, found none");
  state.want = () => threads;
  tf.removeBackend("wasm");
  tf.registerBackend("wasm", factory, WASM_PRIORITY);
  if (!(await tf.setBackend("wasm"))) throw new Error(`restartWasm: the wasm backend did not start on ${threads} thread(s)`);
  return wasmThreads();
}
