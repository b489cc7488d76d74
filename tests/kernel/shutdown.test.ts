/**
 * A kernel shut down while clients ping its heartbeat, or while a client that stopped reading has
 * echoes queued, exits without printing anything (tests/kernel/test_shutdown.py): tslab's heartbeat
 * echo left "Socket is closed" rejections, and zeromq's unbounded linger its "Waiting for queued
 * ZeroMQ messages" warning.
 */
import { test } from "node:test";
import { assertPassed, runUnittest } from "./python";

test("shutting down during heartbeats, or with echoes queued for a client, leaves nothing on stderr", { timeout: 600_000 }, async () => {
  assertPassed(await runUnittest("tests/kernel/test_shutdown.py"), 2);
});
