/**
 * The Jupyter kernel conformance suite (jupyter_kernel_test 0.7.0) against the course kernel:
 * kernel_info, stdout/stderr, errors, execute_result, display_data with bundles,
 * update_display_data, clear_output, completion, inspection, is_complete and history.
 * The Python side is tests/kernel/test_conformance.py.
 */
import { test } from "node:test";
import { assertPassed, runUnittest } from "./python";

test("jupyter_kernel_test conformance suite passes against the dlcourse kernel", { timeout: 1_200_000 }, async () => {
  const run = await runUnittest("tests/kernel/test_conformance.py");
  assertPassed(run, 18);
  // Skips are allowed only for what the kernel does not claim (the pager).
  const skipped = run.output.split("\n").filter((l) => / \.\.\. skipped/.test(l));
  for (const line of skipped) if (!line.includes("test_pager")) throw new Error(`unexpected skip: ${line}\n${run.output}`);
});
