/**
 * A course kernel with the wasm backend on 2 threads computes, restarts and shuts down on its own
 * (tests/kernel/test_threads.py).
 */
import { test } from "node:test";
import { assertPassed, runUnittest } from "./python";

test("kernel with wasm threads: computes, restarts and exits cleanly", { timeout: 600_000 }, async () => {
  assertPassed(await runUnittest("tests/kernel/test_threads.py"), 1);
});
