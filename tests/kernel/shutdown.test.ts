/**
 * A kernel shut down while clients ping its heartbeat exits without printing anything
 * (tests/kernel/test_shutdown.py): tslab's heartbeat echo left "Socket is closed" rejections.
 */
import { test } from "node:test";
import { assertPassed, runUnittest } from "./python";

test("shutting down during heartbeats leaves nothing on stderr", { timeout: 600_000 }, async () => {
  assertPassed(await runUnittest("tests/kernel/test_shutdown.py"), 1);
});
