// `npm test` keeps every temporary file of a run in one folder and removes it at the end, so that
// tests which forget to clean up (and the browsers, kernels and graders they start) do not fill
// the disk run after run.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..");

test("a test's forgotten temporary folder lives in the run's folder and is gone after the run", () => {
  const fixture = path.join(ROOT, "tests", "fixtures", "test-runner", "leaves-temp.test.ts");
  // Without the outer test runner's marker, which would make the inner one report to it instead.
  const { NODE_TEST_CONTEXT: _, ...env } = process.env;
  const r = spawnSync(process.execPath, [path.join(ROOT, "scripts", "test.mjs"), "--only", "unit", fixture], { cwd: ROOT, env, encoding: "utf8" });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const left = /LEFT (\S+)/.exec(r.stdout)?.[1];
  assert.ok(left, r.stdout);
  assert.match(path.basename(path.dirname(left)), /^dlcourse-test-/, "the folder was made inside the run's own folder");
  assert.equal(fs.existsSync(left), false, `${left} is still there`);
  assert.equal(fs.existsSync(path.dirname(left)), false, "the run's folder is removed");
  assert.match(r.stdout, /^tests: 1 passed, 0 failed$/m);
});
