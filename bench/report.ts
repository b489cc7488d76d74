/**
 * The report: machine, versions and thread counts, and the results table in Markdown.
 */
import fs from "node:fs";
import os from "node:os";
import { execFileSync } from "node:child_process";
import { tf, type BackendName } from "dlcourse";
import { REF_PYTHON, timeRatio, type Row } from "./common";

export interface Environment {
  backend: BackendName;
  /** Threads the wasm backend computes with (1 in Node: no threaded build there). */
  threads: number;
  simd: boolean;
  versions: string;
  machine: string;
}

/** Describes the machine, the backend and the versions on both sides. */
export async function environment(backend: BackendName): Promise<Environment> {
  const wasm = require("@tensorflow/tfjs-backend-wasm") as { getThreadsCount?: () => number; version_wasm?: string };
  const threads = backend === "wasm" ? wasm.getThreadsCount?.() ?? 1 : 1;
  const simd = Boolean(await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT"));
  const mt = Boolean(await tf.env().getAsync("WASM_HAS_MULTITHREAD_SUPPORT"));
  const torch = execFileSync(REF_PYTHON, ["-c", "import torch, numpy, nltk; print(torch.__version__, numpy.__version__, nltk.__version__)"], { encoding: "utf8" }).trim().split(" ");
  const cpu = /model name\s*:\s*(.*)/.exec(fs.readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? os.cpus()[0]?.model ?? "?";
  return {
    backend, threads, simd,
    versions: `Node ${process.version}, tfjs ${tf.version_core}, tfjs-backend-wasm ${wasm.version_wasm ?? "?"} (SIMD ${simd ? "on" : "off"}, multithread support ${mt ? "yes" : "no"}); PyTorch ${torch[0]}, numpy ${torch[1]}, nltk ${torch[2]}; torch.set_num_threads(${threads})`,
    machine: `${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.hostname()}`,
  };
}

const fmt = (v: number | null, unit: string) => (v == null ? "—" : unit === "ms" && v < 10 ? v.toFixed(2) : v >= 100 ? v.toFixed(0) : v.toFixed(v >= 10 ? 1 : 2));

/** One dated Markdown section: context lines and the table. */
export function tableMarkdown(rows: Row[], env: Environment & { load: string; settings: string }): string {
  const lines = [
    `## ${new Date().toISOString().replace(/\.\d+Z$/, "Z")}`,
    "",
    `- machine: ${env.machine}; load average (1 min) ${env.load}`,
    `- backend: ${env.backend}, ${env.threads} thread(s); ${env.versions}`,
    `- ${env.settings}; medians over the reps; ratio = TS time / PyTorch time (> 1: TypeScript slower)`,
    "",
    "| workload | TS variant | TS | PyTorch | unit | TS/PyTorch | notes |",
    "|---|---|---:|---:|---|---:|---|",
  ];
  for (const r of rows) {
    const ratio = timeRatio(r);
    lines.push(`| ${r.workload} | ${r.variant} | ${fmt(r.ts, r.unit)} | ${fmt(r.torch, r.unit)} | ${r.unit} | ${ratio == null ? "—" : ratio.toFixed(2)} | ${r.note ?? ""} |`);
  }
  return lines.join("\n");
}
