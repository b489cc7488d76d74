import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";

// Each run is its own process (the thread count is fixed when wasm starts, and a clean exit with
// threads running is part of what is tested): tests/engine/helpers/threads-child.ts.
const CHILD = path.join(__dirname, "helpers", "threads-child.ts");

interface ChildResult {
  requested: number;
  threads: number;
  reason: string | null;
  [result: string]: unknown;
}

/** Runs the child with DLCOURSE_THREADS=threads (and extra node flags); its parsed line and stderr. */
function run(threads: number, nodeFlags: string[] = ["--import", "tsx"]): { out: ChildResult; stderr: string } {
  const r = spawnSync(process.execPath, [...nodeFlags, CHILD], {
    env: { ...process.env, DLCOURSE_THREADS: String(threads), DLCOURSE_BACKEND: "wasm" },
    encoding: "utf8",
    timeout: 120_000,
    maxBuffer: 1 << 26,
  });
  assert.equal(r.error, undefined, `the child did not exit by itself (threads ${threads}): ${r.error?.message}`);
  assert.equal(r.status, 0, `child (threads ${threads}) exited with ${r.status}: ${r.stderr}`);
  return { out: JSON.parse(r.stdout.trim().split("\n").pop() ?? "{}") as ChildResult, stderr: r.stderr };
}

const RESULTS = ["matmul", "matmulT", "sparseMatmul", "conv", "filterGrad", "poolGrad", "losses", "weights"];

function assertClose(got: ChildResult, want: ChildResult, what: string): void {
  for (const key of RESULTS) {
    const g = got[key] as number[];
    const w = want[key] as number[];
    assert.equal(g.length, w.length, `${what}: ${key} length`);
    const err = g.reduce((m, v, i) => Math.max(m, Math.abs(v - w[i]) / (1 + Math.abs(w[i]))), 0);
    assert.ok(err <= 1e-5, `${what}: ${key} differs by ${err} (relative)`);
  }
}

test("asked for 2 threads, wasm computes on 2, gives 1 thread's results, is deterministic and exits cleanly", () => {
  const one = run(1);
  const two = run(2);
  const again = run(2);
  assert.deepEqual([one.out.threads, one.out.reason], [1, null]);
  assert.deepEqual([two.out.requested, two.out.threads, two.out.reason], [2, 2, null]);
  assert.equal(two.stderr, "", "a process that used threads exits without a word on stderr");
  assert.deepEqual([one.out.gemm, two.out.gemm], [true, true], "lib/engine/gemm runs on the single-threaded and the shared memory");
  assert.deepEqual([one.out.handlers, two.out.handlers], [0, 0], "no uncaughtException/unhandledRejection handler of the emscripten glue is left");
  assertClose(two.out, one.out, "2 threads vs 1");
  for (const key of RESULTS) assert.deepEqual(again.out[key], two.out[key], `${key}: the same bits run to run on 2 threads`);
});

test("where Node's permission model forbids workers (the grader), wasm falls back to 1 thread and says why", () => {
  // tsx's ESM loader runs in a worker thread itself: its CommonJS hook instead.
  const flags = ["--experimental-permission", "--allow-fs-read=*", "--allow-fs-write=*", "--allow-child-process", "--no-warnings", "--require", "tsx/cjs"];
  const { out, stderr } = run(2, flags);
  assert.deepEqual([out.requested, out.threads], [2, 1]);
  assert.match(out.reason ?? "", /permission model forbids worker threads/);
  assert.match(stderr, /^dlcourse: wasm runs on 1 thread\(s\), not 2: Node's permission model/, "asked for explicitly, the fallback is said once on stderr");
  assertClose(out, run(1).out, "fallback vs 1 thread");
});

test("ready() checks the thread count it is given and refuses to change it once wasm runs", async () => {
  const { ready, backendThreads } = await import("dlcourse");
  await assert.rejects(ready({ threads: 0 }), /^Error: ready: expected threads to be an integer from 1 to 8, got 0$/);
  await assert.rejects(ready({ threads: 2.5 }), /expected threads to be an integer from 1 to 8, got 2.5/);
  const saved = process.env.DLCOURSE_THREADS;
  process.env.DLCOURSE_THREADS = "many";
  try {
    await assert.rejects(ready(), /expected DLCOURSE_THREADS to be an integer from 1 to 8, got "many"/);
  } finally {
    if (saved == null) delete process.env.DLCOURSE_THREADS;
    else process.env.DLCOURSE_THREADS = saved;
  }
  await ready({ backend: "wasm" });
  const started = backendThreads().requested;
  assert.ok(started >= 1, `wasm started on ${started} thread(s)`);
  await assert.rejects(ready({ threads: started === 1 ? 2 : 1 }), /already started on \d thread\(s\); threads are fixed at its start/);
  await ready({ threads: started }); // the same count is fine
});
