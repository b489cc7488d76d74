/**
 * A grader that is killed (wall-clock limit) or crashes still leaves a row with the reason and no
 * temporary folder; a lib restriction that names nothing is an error the instructor sees.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { gradeOne } from "../../grading/batch";
import { restrictedLib } from "../../grading/sandbox/libcache";
import { GOOD_ADD, MINI_SOURCE, submission, tempDir } from "./helpers";

test("a grader killed at its wall-clock limit: a flagged row, 0 for the rest, no folder left", async () => {
  const dir = tempDir("dlcourse-cleanup-");
  const tmpRoot = path.join(dir, "tmp");
  fs.mkdirSync(tmpRoot);
  const nb = path.join(dir, "slow.ipynb");
  fs.writeFileSync(nb, submission({ add: `while (true) {}\n${GOOD_ADD}` }));
  const r = await gradeOne(MINI_SOURCE, { student: "slow", notebook: nb }, "mini", { submissionMs: 4000, tmpRoot, limits: { loadMs: 120_000 } });
  assert.match(r.graderErrors.join(" "), /остановлена через 4 с/);
  assert.equal(r.total, 0);
  assert.equal(r.tests.length, 2);
  assert.deepEqual(fs.readdirSync(tmpRoot), []);
});

test("hiding a lib export that does not exist names it; a real one is stubbed in a copy of the lib", () => {
  assert.throws(() => restrictedLib(["nn.noSuchThing"]), /nn\.noSuchThing/);
  const dir = restrictedLib(["nn.batchNormBackward"]);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const lib = require(dir);
  assert.throws(() => lib.nn.batchNormBackward(), /недоступна в этом задании/);
  assert.equal(typeof lib.nn.denseForward, "function");
});
