/**
 * `npm run bench`: the course's speed against PyTorch on this machine, in one run.
 *
 * Workloads 1-4 train/build in TypeScript (the lib on the course's default backend, wasm here,
 * plus variants) and in PyTorch CPU (bench/peer.py) on the same data with the same step counts
 * and thread count; 5 drives the kernels with jupyter_client (bench/kernel.py); 6 executes every
 * notebook with scripts/run_notebooks.py; 7 is a CIFAR-10 CNN epoch (stand-in data) against PyTorch. Prints a table of medians with TS/PyTorch time ratios
 * (> 1: TypeScript is slower) and appends it, with date, machine and versions, to bench/RESULTS.md.
 *
 * Usage: node --import tsx bench/run.ts [--only 1,2,3,4,5,6,7] [--reps 3] [--spiral-steps 400]
 *        [--sst2-steps 150] [--no-threads] [--no-write]
 *
 * The main rows run both sides on 1 thread; then bench/threads.ts adds the thread rows (default
 * settings on both sides, and 2 threads each) for workloads 1-3 and 7 unless --no-threads.
 */
// First: "dlcourse" is the lib compiled as the kernel runs it (bench/lib-js.ts).
import { LIB_JS } from "./lib-js";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { availableBackends, ready } from "dlcourse";
import { ROOT, median, type Row } from "./common";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ensureReferenceEnv } = require("../scripts/reference-env.cjs") as { ensureReferenceEnv(o: { who: string }): string };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const libTypes = require("../scripts/lib-types.cjs") as { buildLibTypes(): boolean };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const kernelSnapshot = require("../scripts/kernel-snapshot.cjs") as { buildKernelSnapshot(): boolean };
import { spiralRows, sst2Rows, mnistRows, bowRows, type BenchBackend, type BenchOptions } from "./workloads";
import type { SpiralVariant } from "./spiral";
import type { Sst2Variant } from "./sst2";
import { environment, tableMarkdown } from "./report";
import { cifarRows } from "./cifar10";
import { threadRows } from "./threads";

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

/**
 * Workloads 1-4 compare with PyTorch in .venv-ref: build it when missing or stale (as setup does
 * .venv), or stop with a message saying how.
 */
function referenceEnv(): void {
  try {
    ensureReferenceEnv({ who: "bench" });
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\nbench: workloads 5 and 6 need no PyTorch: npm run bench -- --only 5,6\n`);
    process.exit(1);
  }
}

/**
 * Workloads 5 and 6 start kernels, which start from what setup builds from the lib: its declaration
 * files and the start-up snapshot. After a lib edit both are stale and a kernel falls back to the
 * slow path (the first import checked the lib's sources: 2.5 s instead of 0.4 s), so the rows would
 * measure a state no student has after `npm run setup`. Rebuild them first, with setup's builders.
 */
function kernelCaches(log: (s: string) => void): void {
  // Both builders are setup's own, and do nothing while their output matches the lib.
  if (!libTypes.buildLibTypes()) log("bench: tsc failed on lib/; the kernel rows measure kernels checking against the sources");
  if (!kernelSnapshot.buildKernelSnapshot()) log("bench: no kernel start-up snapshot; the kernel rows measure starts without it");
}

function kernelRows(log: (s: string) => void): Row[] {
  const out = execFileSync(path.join(ROOT, ".venv", "bin", "python"), [path.join(ROOT, "bench", "kernel.py")], { encoding: "utf8", maxBuffer: 1 << 24 });
  const k = JSON.parse(out.trim().split("\n").pop() ?? "{}");
  log(`  kernel: cold ${median(k.dlcourse.cold).toFixed(1)} s (python3 ${median(k.python3.cold).toFixed(1)} s), cell ${(k.dlcourse.cell * 1000).toFixed(1)} ms, new cell ${(k.dlcourse.new_cell * 1000).toFixed(1)} ms`);
  return [
    { workload: "5 kernel cold start -> `1 + 1`", variant: "dlcourse vs ipykernel", ts: median(k.dlcourse.cold), torch: median(k.python3.cold), unit: "s", rate: false },
    { workload: "5 kernel trivial cell", variant: "dlcourse vs ipykernel", ts: k.dlcourse.cell * 1000, torch: k.python3.cell * 1000, unit: "ms", rate: false },
    { workload: "5 kernel new cell (not seen before)", variant: "dlcourse vs ipykernel", ts: k.dlcourse.new_cell * 1000, torch: k.python3.new_cell * 1000, unit: "ms", rate: false },
    { workload: "5 first `import dlcourse; await ready()`", variant: "dlcourse", ts: median(k.dlcourse.lib), torch: null, unit: "s", rate: false },
  ];
}

function courseRows(log: (s: string) => void): Row[] {
  const t0 = performance.now();
  let out = "";
  let ok = true;
  try {
    out = execFileSync(path.join(ROOT, ".venv", "bin", "python"), [path.join(ROOT, "scripts", "run_notebooks.py"), path.join(ROOT, "notebooks")], { encoding: "utf8", cwd: ROOT, maxBuffer: 1 << 24 });
  } catch (e) {
    ok = false;
    out = String((e as { stdout?: string }).stdout ?? e);
  }
  const secs = (performance.now() - t0) / 1000;
  const summary = out.trim().split("\n").pop() ?? "";
  const slowest = out.split("\n").map((l) => /^(?:ok|FAIL)\s+(\S+) \(([\d.]+)s\)/.exec(l)).filter((m) => m != null)
    .sort((a, b) => Number(b![2]) - Number(a![2])).slice(0, 3).map((m) => `${path.basename(m![1])} ${m![2]} s`);
  log(`  course: ${secs.toFixed(0)} s (${summary})`);
  return [{ workload: "6 whole course (all notebooks, 1 job)", variant: ok ? "all passed" : "FAILURES", ts: secs, torch: null, unit: "s", rate: false, note: `${summary}; slowest: ${slowest.join(", ")}; goal <= 240 s (round 2; < 600 s before)` }];
}

async function main(): Promise<void> {
  const only = new Set(arg("only", "1,2,3,4,5,6,7").split(","));
  if (["1", "2", "3", "4", "7"].some((w) => only.has(w))) referenceEnv();
  const backend = await ready({ threads: 1 }); // the main rows: 1 thread on both sides
  const log = (s: string) => process.stderr.write(s + "\n");
  const env = await environment(backend);
  const o: BenchOptions = {
    reps: Number(arg("reps", "3")), spiralSteps: Number(arg("spiral-steps", "400")), sst2Steps: Number(arg("sst2-steps", "150")),
    threads: env.threads, log,
  };
  const loadBefore = os.loadavg()[0];
  log(`bench: backend ${backend}, ${env.threads} thread(s), load ${loadBefore.toFixed(1)} on ${os.cpus().length} cores`);
  const rows: Row[] = [];
  // The native backend's rows where tfjs-node is installed (it uses TensorFlow's own threads).
  const native = availableBackends().includes("tensorflow");
  const nativeOnly = <T>(...xs: T[]): T[] => (native ? xs : []);
  if (only.has("1")) rows.push(...(await spiralRows(o, [["wasm-tfjs", "lecture"], ["wasm", "lecture"], ["wasm", "compiled"], ["wasm", "batched"], ["wasm", "fused"], ["wasm", "sequential"], ["wasm", "manual"], ["cpu", "manual"], ...nativeOnly<[BenchBackend, SpiralVariant]>(["tensorflow", "lecture"], ["tensorflow", "sequential"])])));
  if (only.has("2")) rows.push(...(await sst2Rows(o, [["wasm-tfjs", "minimize"], ["wasm-composite", "minimize"], ["wasm", "minimize"], ["wasm", "trainOnBatch"], ["wasm", "sparseBatch"], ["wasm", "sparseCompiled"], ...nativeOnly<[BenchBackend, Sst2Variant]>(["tensorflow", "minimize"])])));
  if (only.has("3")) rows.push(...(await mnistRows(o, ["wasm-tfjs", "wasm-composite", "wasm", ...nativeOnly<BenchBackend>("tensorflow")])));
  if (only.has("4")) rows.push(...(await bowRows(o)));
  if (only.has("5") || only.has("6")) kernelCaches(log);
  if (only.has("5")) rows.push(...kernelRows(log));
  if (only.has("6")) rows.push(...courseRows(log));
  if (only.has("7")) rows.push(...(await cifarRows(o.reps, o.threads, log)));
  if (!process.argv.includes("--no-threads")) rows.push(...(await threadRows(o, only, rows)));
  const loadAfter = os.loadavg()[0];
  const md = tableMarkdown(rows, { ...env, load: `${loadBefore.toFixed(1)} -> ${loadAfter.toFixed(1)}`, settings: `reps ${o.reps}, spiral ${o.spiralSteps} steps/rep, SST-2 ${o.sst2Steps} it/rep; lib ${LIB_JS ? "compiled (.cache/lib-js, as the kernel runs it)" : "sources through tsx"}` });
  process.stdout.write(md + "\n");
  if (!process.argv.includes("--no-write")) {
    const file = path.join(ROOT, "bench", "RESULTS.md");
    fs.appendFileSync(file, "\n" + md + "\n");
    log(`bench: appended to ${path.relative(process.cwd(), file)}`);
  }
}

main().catch((e) => {
  process.stderr.write(`bench: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exit(1);
});
