/**
 * The comm protocol over jupyter_client (tests/kernel/test_comm.py): kernel- and front-end-opened
 * comms, comm_info by target, ordering, buffers, output and display updates from a handler while
 * no cell runs, a failing handler that does not stop the kernel, close from both sides.
 */
import { test } from "node:test";
import { assertPassed, runUnittest } from "./python";

test("kernel comm protocol (open, msg, close, comm_info, errors)", { timeout: 1_200_000 }, async () => {
  assertPassed(await runUnittest("tests/kernel/test_comm.py"), 6);
});
