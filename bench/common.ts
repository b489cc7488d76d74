/**
 * Shared bench plumbing: medians, wall-clock timing, the data folder both sides read, and the
 * PyTorch peer (bench/peer.py) run with the reference venv.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export const ROOT = path.resolve(__dirname, "..");
export const REF_PYTHON = path.join(ROOT, ".venv-ref", "bin", "python");
export const DATA = path.join(os.tmpdir(), "dlcourse-bench");

/** Median of a non-empty list. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Seconds since `t0` (from `now()`). */
export const now = (): number => performance.now();
export const since = (t0: number): number => (performance.now() - t0) / 1000;

/** Writes a JSON file into the data folder. */
export function writeJson(name: string, value: unknown): void {
  fs.mkdirSync(DATA, { recursive: true });
  fs.writeFileSync(path.join(DATA, name), JSON.stringify(value));
}

/** Writes a typed array as raw little-endian bytes into the data folder. */
export function writeRaw(name: string, a: Float32Array | Int32Array): void {
  fs.mkdirSync(DATA, { recursive: true });
  fs.writeFileSync(path.join(DATA, name), Buffer.from(a.buffer, a.byteOffset, a.byteLength));
}

/** Runs one PyTorch workload of bench/peer.py and returns its JSON answer. */
export function peer<T>(workload: string, args: Record<string, number>, threads: number): T {
  const argv = [path.join(ROOT, "bench", "peer.py"), workload, "--data", DATA, "--threads", String(threads)];
  for (const [k, v] of Object.entries(args)) argv.push(`--${k}`, String(v));
  const out = execFileSync(REF_PYTHON, argv, { encoding: "utf8", maxBuffer: 1 << 26 });
  return JSON.parse(out.trim().split("\n").pop() ?? "{}") as T;
}

/** One row of the results table: what ran, TS and PyTorch medians, and the unit. */
export interface Row {
  workload: string;
  variant: string;
  ts: number;
  torch: number | null;
  unit: string;
  /** true when a bigger number is better (rates); the ratio is then torch/ts so that > 1 means TS is slower. */
  rate: boolean;
  note?: string;
}

/** TS/PyTorch as a time ratio (> 1: TypeScript takes longer). */
export function timeRatio(r: Row): number | null {
  if (r.torch == null || r.ts === 0 || r.torch === 0) return null;
  return r.rate ? r.torch / r.ts : r.ts / r.torch;
}
