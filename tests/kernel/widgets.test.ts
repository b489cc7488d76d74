/**
 * lib/widgets in the real kernel over jupyter_client (tests/kernel/test_widgets.py): models
 * opened, an update from the front end observed and echoed, interact's redraw, errors, close.
 */
import { test } from "node:test";
import { assertPassed, runUnittest } from "./python";

test("widgets over the comm protocol (slider, interact, echo, close)", { timeout: 1_200_000 }, async () => {
  assertPassed(await runUnittest("tests/kernel/test_widgets.py"), 1);
});
