import { test } from "node:test";
import assert from "node:assert/strict";
import { ready, availableBackends, tf } from "dlcourse";

test("ready picks the fastest available backend and lists the others", async () => {
  const available = availableBackends();
  assert.ok(available.includes("wasm") && available.includes("cpu"), `got ${available}`);
  const chosen = await ready();
  assert.equal(chosen, process.env.DLCOURSE_BACKEND ?? available[0]);
  assert.equal(tf.getBackend(), chosen);
});

test("switching to cpu prints no banner", async () => {
  const said: unknown[] = [];
  const warn = console.warn;
  const log = console.log;
  console.warn = (...a: unknown[]) => void said.push(a);
  console.log = (...a: unknown[]) => void said.push(a);
  try {
    assert.equal(await ready({ backend: "cpu" }), "cpu");
    tf.tidy(() => tf.add(tf.tensor([1, 2]), 1).dataSync());
  } finally {
    console.warn = warn;
    console.log = log;
    await ready();
  }
  assert.deepEqual(said, []);
});

test("an unknown or missing backend is a clear error", async () => {
  await assert.rejects(ready({ backend: "gpu" as never }), /ready: expected backend one of tensorflow, wasm, cpu, got "gpu"/);
  if (!availableBackends().includes("tensorflow")) {
    await assert.rejects(ready({ backend: "tensorflow" }), /not installed here/);
  }
});

test("on wasm, ready() routes transposed matmuls to the fast kernel (lib/wasm-matmul)", async () => {
  const { wasmMatMulInstalled, uninstallWasmMatMul } = await import("../lib/wasm-matmul");
  uninstallWasmMatMul();
  try {
    assert.equal(await ready({ backend: "wasm" }), "wasm");
    assert.equal(wasmMatMulInstalled(), true);
    // Already on wasm: a second call still makes sure it is installed.
    uninstallWasmMatMul();
    await ready({ backend: "wasm" });
    assert.equal(wasmMatMulInstalled(), true);
  } finally {
    await ready();
  }
});
