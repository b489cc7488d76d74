/**
 * nbclient against the kernel (tests/kernel/test_notebook.py): with allow_errors every cell
 * after a failing one runs and errors carry ename/evalue/traceback; without it the error is
 * raised by name and the rest is not run.
 */
import { test } from "node:test";
import { assertPassed, runUnittest } from "./python";

test("nbclient: allow_errors runs every later cell; errors and results are proper outputs", { timeout: 1_200_000 }, async () => {
  assertPassed(await runUnittest("tests/kernel/test_notebook.py"), 2);
});
