#!/usr/bin/env node
// `npm test`: type checking, unit tests (node's test runner over tests/**/*.test.ts, with tsx),
// then every notebook under notebooks/ executed headless in the course kernel.
// Ends with one summary line, `tests: N passed, M failed`, and a non-zero exit on any failure.
// Temporary files of the whole run live in one folder (TMPDIR for every child), removed at the end.
//
//   node scripts/test.mjs [--only typecheck|unit|notebooks|lib] [test files or notebooks...]
//
// `--only lib` is the fast lane for work on lib/: typecheck plus the unit tests of the library,
// without the browser, kernel, notebook, notes and grading tests (see LIB_LANE_SKIPS).
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { venvBin } from "./setup.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const onlyAt = args.indexOf("--only");
const only = onlyAt >= 0 ? args.splice(onlyAt, 2)[1] : null;
const STEPS = ["typecheck", "unit", "notebooks"];
if (only && !STEPS.includes(only) && only !== "lib") {
  console.error(`test: --only expects one of ${[...STEPS, "lib"].join(", ")}, got "${only}"`);
  process.exit(2);
}
const selected = (step) => only == null || only === step || (only === "lib" && step !== "notebooks");

/**
 * What the lib lane leaves out (paths under tests/): folders of other parts of the project, and
 * lib tests that need headless Chromium or the course kernel.
 */
const LIB_LANE_SKIPS = ["kernel/", "grading/", "notes/", "foundation/", "plot/browser.test.ts", "plot/gallery-outputs.test.ts"];
const inLibLane = (file) => !LIB_LANE_SKIPS.some((skip) => path.relative(path.join(ROOT, "tests"), file).split(path.sep).join("/").startsWith(skip));
// Every temporary file of the run (tests' folders, graders' sandboxes, browser profiles, Python's
// tempfile) goes into one folder that is removed at the end, so that repeated runs do not fill the
// disk. 0711: the grader's sandbox user must pass through it to its own folder, as in grading/batch.ts.
const RUN_TMP = fs.mkdtempSync(path.join(os.tmpdir(), "dlcourse-test-"));
fs.chmodSync(RUN_TMP, 0o711);
const removeRunTmp = () => fs.rmSync(RUN_TMP, { recursive: true, force: true });
for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]]) process.on(signal, () => (removeRunTmp(), process.exit(code)));
const env = { ...process.env, DOTENV_CONFIG_QUIET: "true", TF_CPP_MIN_LOG_LEVEL: "2", TMPDIR: RUN_TMP, TEMP: RUN_TMP, TMP: RUN_TMP };

function findTests(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "fixtures" ? [] : findTests(p);
    return e.name.endsWith(".test.ts") ? [p] : [];
  });
}

/** Runs a command with its output streamed through live; resolves to its status and stdout. */
function run(cmd, cmdArgs) {
  return new Promise((resolve) => {
    const child = spawn(cmd, cmdArgs, { cwd: ROOT, env, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
      process.stdout.write(chunk);
    });
    child.on("error", (e) => console.error(`test: could not run ${cmd}: ${e.message}`));
    child.on("close", (code) => resolve({ ok: code === 0, out }));
  });
}

const count = { passed: 0, failed: 0 };

let ok = true;
if (selected("typecheck")) {
  console.log("== typecheck (tsc --noEmit)");
  const r = await run(process.execPath, [path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), "--noEmit", "-p", "tsconfig.json"]);
  if (r.ok) console.log("typecheck: ok");
  ok &&= r.ok;
  count[r.ok ? "passed" : "failed"] += 1;
}
if (selected("unit")) {
  const given = args.filter((a) => a.endsWith(".ts"));
  const all = given.length ? given : findTests(path.join(ROOT, "tests"));
  const files = only === "lib" && !given.length ? all.filter(inLibLane) : all;
  console.log(`== unit tests (${files.length} files)`);
  if (files.length) {
    const r = await run(process.execPath, ["--import", "tsx", "--test", "--test-concurrency=2", "--test-reporter=spec", ...files]);
    for (const m of r.out.matchAll(/^ℹ (pass|fail) (\d+)$/gm)) count[m[1] === "pass" ? "passed" : "failed"] += Number(m[2]);
    ok &&= r.ok;
  }
}
if (selected("notebooks")) {
  console.log("== notebooks");
  const nbs = args.filter((a) => a.endsWith(".ipynb") || (fs.existsSync(a) && fs.statSync(a).isDirectory()));
  // Each kernel computes on one core (wasm), so two notebooks at a time use both of CI's cores.
  const r = await run(venvBin("python"), [path.join(ROOT, "scripts", "run_notebooks.py"), "--jobs", "2", ...nbs]);
  for (const m of r.out.matchAll(/^notebooks: (\d+) passed, (\d+) failed$/gm)) {
    count.passed += Number(m[1]);
    count.failed += Number(m[2]);
  }
  ok &&= r.ok;
}
removeRunTmp();
console.log(`\ntests: ${count.passed} passed, ${count.failed} failed`);
process.exit(ok ? 0 : 1);
