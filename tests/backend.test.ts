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

test("on wasm, ready() routes transposed matmuls to the fast kernel (lib/engine/wasm-matmul)", async () => {
  const { wasmMatMul } = await import("../lib/engine");
  wasmMatMul.uninstall();
  try {
    assert.equal(await ready({ backend: "wasm" }), "wasm");
    assert.equal(wasmMatMul.installed(), true);
    // Already on wasm: a second call still makes sure it is installed.
    wasmMatMul.uninstall();
    await ready({ backend: "wasm" });
    assert.equal(wasmMatMul.installed(), true);
  } finally {
    await ready();
  }
});
