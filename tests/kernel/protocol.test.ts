/**
 * The kernel's own behaviour over the protocol (tests/kernel/test_protocol.py): errors with
 * class, message and cell-numbered traceback for runtime and type errors; stop_on_error
 * honoured; a number as execute_result; rich results via toBundle(); class instances summarised;
 * earlier cells' names in shorthands and renaming destructuring; library stderr kept out.
 */
import { test } from "node:test";
import { assertPassed, runUnittest } from "./python";

test("kernel protocol behaviour (errors, stop_on_error, execute_result, stderr policy)", { timeout: 1_200_000 }, async () => {
  assertPassed(await runUnittest("tests/kernel/test_protocol.py"), 13);
});
