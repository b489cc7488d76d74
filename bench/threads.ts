/**
 * The thread rows (bench/README.md, "Threads"): workloads 1-3 and 7 again with more than one
 * thread on both sides, next to the 1-thread rows of the same run.
 *
 * - "default": what a user gets without asking: `ready()`'s wasm (1 thread since the idle run of
 *   2026-12-04 23:08 showed every core slower on the small nets) against PyTorch's own default
 *   (`torch.get_num_threads()`, not set).
 * - "2 threads": both sides on exactly 2, for how each scales from 1 to 2 (the note gives each
 *   side's speed-up over its 1-thread row of this run). Skipped where it equals "default".
 *
 * The wasm backend is restarted on the thread count (lib/engine's restartWasm; every workload
 * builds its tensors after that) and back on 1 thread at the end.
 */
import { execFileSync } from "node:child_process";
import { restartWasm, defaultThreads } from "dlcourse/engine";
import { REF_PYTHON, timeRatio, type Row } from "./common";
import { spiralRows, sst2Rows, mnistRows, type BenchOptions } from "./workloads";
import { cifarRows } from "./cifar10";

/** PyTorch's default intra-op thread count on this machine. */
function torchDefaultThreads(): number {
  return Number(execFileSync(REF_PYTHON, ["-c", "import torch; print(torch.get_num_threads())"], { encoding: "utf8" }).trim());
}

interface Setting {
  label: string;
  ts: number;
  /** PyTorch threads; 0 = its default (bench/peer.py --threads 0). */
  torch: number;
}

/** Workloads 1-3 and 7 (those in `only`) on one thread setting, rows labelled with it. */
async function rowsAt(o: BenchOptions, only: Set<string>, s: Setting, torchThreads: number): Promise<Row[]> {
  const state = await restartWasm(s.ts);
  if (state.threads !== s.ts) o.log(`  threads: wasm runs on ${state.threads}, not ${s.ts}: ${state.reason}`);
  const at: BenchOptions = { ...o, threads: s.torch };
  const rows: Row[] = [];
  if (only.has("1")) rows.push(...(await spiralRows(at, [["wasm", "lecture"], ["wasm", "sequential"]])));
  if (only.has("2")) rows.push(...(await sst2Rows(at, [["wasm", "minimize"], ["wasm", "sparseBatch"]])).filter((r) => r.workload === "2 SST-2 train"));
  if (only.has("3")) rows.push(...(await mnistRows(at, ["wasm"])));
  if (only.has("7")) rows.push(...(await cifarRows(o.reps, s.torch, o.log)));
  const tag = `${s.label}: TS ${state.threads}, PyTorch ${torchThreads} thread(s)`;
  return rows.map((r) => ({ ...r, workload: `${r.workload} [${tag}]` }));
}

/** Adds to each thread row how much faster each side got than in its 1-thread row (`base`). */
function withScaling(rows: Row[], base: Row[]): Row[] {
  return rows.map((r) => {
    const one = base.find((b) => r.workload.startsWith(`${b.workload} [`) && b.variant === r.variant);
    if (!one || one.torch == null || r.torch == null) return r;
    const speed = (a: number, b: number) => (r.rate ? b / a : a / b).toFixed(2);
    const scaling = `speed-up over 1 thread: TS x${speed(one.ts, r.ts)}, PyTorch x${speed(one.torch, r.torch)}; 1-thread ratio ${timeRatio(one)?.toFixed(2)}`;
    return { ...r, note: `${scaling}; ${r.note ?? ""}` };
  });
}

/**
 * The thread rows for the workloads in `only` (1, 2, 3, 7), after the 1-thread rows `base`.
 *
 * @param o - the run's options (its `threads` is ignored: each setting sets its own)
 * @param only - the workloads asked for
 * @param base - the 1-thread rows of this run, for the speed-up notes
 * @returns rows labelled "[default: ...]" and "[2 threads: ...]"
 */
export async function threadRows(o: BenchOptions, only: Set<string>, base: Row[]): Promise<Row[]> {
  if (!["1", "2", "3", "7"].some((w) => only.has(w))) return [];
  const torchDefault = torchDefaultThreads();
  const settings: Setting[] = [{ label: "default", ts: defaultThreads(), torch: 0 }];
  if (defaultThreads() !== 2 || torchDefault !== 2) settings.push({ label: "2 threads", ts: 2, torch: 2 });
  const rows: Row[] = [];
  for (const s of settings) rows.push(...(await rowsAt(o, only, s, s.torch || torchDefault)));
  await restartWasm(1);
  return withScaling(rows, base);
}
