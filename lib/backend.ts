/**
 * TensorFlow.js engine and backend selection, in one place for the whole course.
 *
 * Every notebook and every lib module imports `tf` from here, so there is one engine and
 * one set of registered kernels. Order of preference: the native `tensorflow` backend
 * (the optional `tfjs-node-native` package, present only where its install could download
 * libtensorflow), then `wasm`, then the pure-JS `cpu` backend.
 */
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { installEngine, uninstallEngine } from "./engine";
import { installWasmThreads, wasmThreads, defaultThreads, MAX_WASM_THREADS, type WasmThreads } from "./engine/wasm-threads";

export { tf };
export type { WasmThreads };

/** Backend names the course knows how to select. */
export type BackendName = "tensorflow" | "wasm" | "cpu";

/** Options for {@link ready}. */
export interface ReadyOptions {
  /**
   * Backend to use instead of the automatic choice. Default: the `DLCOURSE_BACKEND`
   * environment variable if set, else the fastest available one.
   */
  backend?: BackendName;
  /**
   * Threads the wasm backend computes on (XNNPACK's matmuls and convolutions), fixed when it
   * starts: the first `ready()` decides. Default: the `DLCOURSE_THREADS` environment variable if
   * set, else 1 (tfjs's single-threaded build, the fastest on the course's small networks; more
   * threads pay off on large convolutions, see lib/engine/wasm-threads.ts); at most 8. Where
   * threads cannot start (e.g. the grader's sandbox) wasm runs on 1 and {@link backendThreads}
   * says why.
   */
  threads?: number;
}

const PREFERENCE: BackendName[] = ["tensorflow", "wasm", "cpu"];
let threadsAsked: number | undefined;
installWasmThreads(() => threadsAsked ?? defaultThreads());

/** The thread count ready() was asked for (option, else DLCOURSE_THREADS), checked; undefined if neither. */
function requestedThreads(options: ReadyOptions): number | undefined {
  const env = process.env.DLCOURSE_THREADS;
  const raw = options.threads ?? (env != null && env !== "" ? Number(env) : undefined);
  if (raw == null) return undefined;
  if (!Number.isInteger(raw) || raw < 1 || raw > MAX_WASM_THREADS) {
    const from = options.threads != null ? "threads" : "DLCOURSE_THREADS";
    throw new Error(`ready: expected ${from} to be an integer from 1 to ${MAX_WASM_THREADS}, got ${options.threads ?? JSON.stringify(env)}`);
  }
  return raw;
}
let nativeTried = false;

/** Registers the native backend if the optional package is installed; never throws. */
function tryNative(): boolean {
  if (!nativeTried) {
    nativeTried = true;
    // libtensorflow logs CPU-feature notes on stderr unless told not to.
    process.env.TF_CPP_MIN_LOG_LEVEL ??= "2";
    try {
      // The package name is an alias: `@tensorflow/tfjs-node` itself is overridden to plain
      // tfjs for danfojs-node, so only the alias can be the real native binding.
      require("tfjs-node-native");
    } catch {
      return false;
    }
  }
  return tf.findBackendFactory("tensorflow") != null;
}

/** Names of the backends that can be selected on this machine, fastest first. */
export function availableBackends(): BackendName[] {
  tryNative();
  return PREFERENCE.filter((name) => tf.findBackendFactory(name) != null);
}

function silenceCpuBanner(): void {
  // The cpu backend prints a "install tfjs-node" banner on its first use in Node; the README
  // explains native speed instead, so notebook outputs stay clean.
  const cpu = tf.findBackend("cpu") as unknown as { firstUse?: boolean } | null;
  if (cpu) cpu.firstUse = false;
}

/**
 * Selects and initializes the TensorFlow.js backend. Call once (await it) before any tensor
 * op; later calls return the backend already chosen unless another one is asked for.
 *
 * @param options - see {@link ReadyOptions}
 * @returns the name of the active backend
 * @throws Error if the requested backend is unknown or cannot be initialized here, if the thread
 *   count is not an integer from 1 to 8, or `threads` differs from what the wasm backend started with
 * @example
 * const backend = await ready();        // "wasm" on a machine without tfjs-node, on one thread
 * const cpu = await ready({ backend: "cpu" });
 * await ready({ threads: 4 });          // in a fresh kernel: wasm on four threads
 */
export async function ready(options: ReadyOptions = {}): Promise<BackendName> {
  const requested = options.backend ?? (process.env.DLCOURSE_BACKEND as BackendName | undefined);
  const available = availableBackends();
  if (requested != null && !PREFERENCE.includes(requested)) {
    throw new Error(`ready: expected backend one of ${PREFERENCE.join(", ")}, got "${requested}"`);
  }
  if (requested != null && !available.includes(requested)) {
    throw new Error(
      `ready: backend "${requested}" is not installed here (available: ${available.join(", ")}). ` +
        `For "tensorflow" run \`npm install\` with internet access so tfjs-node can download libtensorflow.`,
    );
  }
  const target = requested ?? available[0];
  const threads = requestedThreads(options);
  const started = wasmThreads().requested;
  // Only an explicit option is held against the running backend: DLCOURSE_THREADS is a default,
  // and tests and bench/ restart wasm on other counts (lib/engine's restartWasm).
  if (options.threads != null && started > 0 && options.threads !== started) {
    throw new Error(`ready: the wasm backend already started on ${started} thread(s); threads are fixed at its start (asked for ${threads}: restart the kernel)`);
  }
  threadsAsked = threads ?? threadsAsked;
  if (tf.getBackend() !== target) {
    const ok = await tf.setBackend(target);
    if (!ok) throw new Error(`ready: backend "${target}" failed to initialize`);
    await tf.ready();
  }
  if (target === "cpu") silenceCpuBanner();
  // Faster kernels for small networks and one-kernel optimizer updates (lib/engine/), written for
  // wasm and tested there only: every other backend runs tfjs's own kernels and engine, also
  // after a switch away from wasm (the fused updates check the backend at each step themselves).
  if (target === "wasm") installEngine();
  else uninstallEngine();
  const now = wasmThreads();
  if (target === "wasm" && threads != null && now.reason != null && !warned) {
    warned = true; // asked for explicitly, so said once, on stderr (the kernel logs it, no cell shows it)
    process.stderr.write(`dlcourse: wasm runs on ${now.threads} thread(s), not ${threads}: ${now.reason}\n`);
  }
  return target;
}

let warned = false;

/**
 * The threads the wasm backend computes on, and why fewer than asked if so.
 *
 * @returns `{ requested, threads, reason }`: `requested` 0 and `threads` 1 before wasm starts;
 *   `reason` null unless threads could not start (e.g. Node's permission model in the grader)
 * @example
 * await ready({ threads: 2 });
 * backendThreads(); // { requested: 2, threads: 2, reason: null }
 */
export function backendThreads(): WasmThreads {
  return wasmThreads();
}
