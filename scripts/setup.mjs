#!/usr/bin/env node
// One-time (and idempotent) setup, run by `npm start` and `npm test` before anything else.
// It has no dependencies of its own, since it is what installs them:
//   1. checks Node and Python versions, with a clear message when one is missing or too old;
//   2. `npm ci` when node_modules does not match package-lock.json;
//   3. a project-local virtualenv .venv/ with requirements.txt, when that file changed;
//   4. the "TypeScript (dlcourse)" kernel spec inside .venv, pointing at this checkout's kernel;
//   5. the lib's declaration files for the kernel (scripts/lib-types.cjs), when lib/ changed;
//   6. the kernel's V8 startup snapshot (scripts/kernel-snapshot.cjs), when its inputs changed;
//   7. the lib compiled to JavaScript for the kernel and the grader (scripts/lib-js.cjs), when lib/ changed.
// Each step leaves a stamp (a hash of its inputs), so a second run takes well under a second.
import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import libTypes from "./lib-types.cjs";
import kernelSnapshot from "./kernel-snapshot.cjs";
import libJs from "./lib-js.cjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const VENV = path.join(ROOT, ".venv");
const VENV_BIN = path.join(VENV, process.platform === "win32" ? "Scripts" : "bin");
export const KERNEL_NAME = "dlcourse";
export const KERNEL_DISPLAY_NAME = "TypeScript (dlcourse)";
const MIN_NODE = 20;
const MIN_PYTHON = [3, 10];

function fail(message) {
  console.error(`\nsetup: ${message}\n`);
  process.exit(1);
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: "inherit", ...opts });
  if (r.error) fail(`could not run ${cmd}: ${r.error.message}`);
  if (r.status !== 0) fail(`\`${cmd} ${args.join(" ")}\` exited with ${r.status}; see the output above.`);
  return r;
}

/**
 * `run`, tried again after a pause when it fails: a registry's connection reset mid-download
 * (seen in CI: npm's ECONNRESET "network aborted") should not fail a fresh clone's setup.
 */
function runRetrying(cmd, args, tries = 3) {
  for (let attempt = 1; attempt < tries; attempt++) {
    const r = spawnSync(cmd, args, { cwd: ROOT, stdio: "inherit" });
    if (!r.error && r.status === 0) return r;
    console.log(`setup: \`${cmd} ${args.join(" ")}\` failed (${r.error?.message ?? `exit ${r.status}`}); trying again in 10 s (attempt ${attempt + 1} of ${tries}) ...`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10_000);
  }
  return run(cmd, args);
}

function hashFiles(files, extra = "") {
  const h = createHash("sha256").update(extra);
  for (const f of files) h.update(fs.existsSync(f) ? fs.readFileSync(f) : "");
  return h.digest("hex");
}

function stampIs(file, value) {
  return fs.existsSync(file) && fs.readFileSync(file, "utf8").trim() === value;
}

function checkNode() {
  const major = Number(process.versions.node.split(".")[0]);
  if (major < MIN_NODE) fail(`Node ${MIN_NODE} or newer is required, found ${process.version}. Install Node 20 LTS.`);
}

function findPython() {
  const candidates = [process.env.PYTHON, "python3", "python"].filter(Boolean);
  for (const cmd of candidates) {
    const r = spawnSync(cmd, ["-c", "import sys; print('%d.%d' % sys.version_info[:2])"], { encoding: "utf8" });
    if (r.status !== 0) continue;
    const [maj, min] = r.stdout.trim().split(".").map(Number);
    if (maj > MIN_PYTHON[0] || (maj === MIN_PYTHON[0] && min >= MIN_PYTHON[1])) return cmd;
    fail(`Python ${MIN_PYTHON.join(".")} or newer is required, \`${cmd}\` is ${maj}.${min}. Set PYTHON=/path/to/python3.11.`);
  }
  fail("Python 3 was not found. Install Python 3.10+ with venv (Debian: apt-get install python3 python3-venv), or set PYTHON.");
}

function setupNode() {
  const stamp = path.join(ROOT, "node_modules", ".dlcourse-stamp");
  const want = hashFiles([path.join(ROOT, "package-lock.json")], process.version);
  if (stampIs(stamp, want)) return;
  console.log("setup: installing npm packages (npm ci)...");
  runRetrying("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"]);
  fs.writeFileSync(stamp, want + "\n");
}

function setupVenv(python) {
  const stamp = path.join(VENV, ".dlcourse-stamp");
  const want = hashFiles([path.join(ROOT, "requirements.txt")]);
  if (stampIs(stamp, want)) return;
  if (!fs.existsSync(path.join(VENV_BIN, "python"))) {
    console.log("setup: creating the Python environment .venv/ ...");
    run(python, ["-m", "venv", VENV]);
  }
  console.log("setup: installing JupyterLab, nbclient, nbconvert, nbgrader into .venv/ ...");
  const pip = [path.join(VENV_BIN, "python"), "-m", "pip"];
  run(pip[0], [...pip.slice(1), "install", "--quiet", "--disable-pip-version-check", "-r", "requirements.txt"]);
  fs.writeFileSync(stamp, want + "\n");
}

/**
 * Writes the kernel spec and the Jupyter config under `prefix` (.venv, or a conda env's
 * sys.prefix for Binder); cheap, so always rewritten.
 */
function setupKernel(prefix = VENV) {
  const kernelDir = path.join(prefix, "share", "jupyter", "kernels", KERNEL_NAME);
  fs.mkdirSync(kernelDir, { recursive: true });
  const spec = {
    argv: kernelSnapshot.kernelArgv(process.execPath),
    display_name: KERNEL_DISPLAY_NAME,
    language: "typescript",
    interrupt_mode: "signal",
    env: { DOTENV_CONFIG_QUIET: "true", TF_CPP_MIN_LOG_LEVEL: "2", NODE_NO_WARNINGS: "1" },
    metadata: { debugger: false },
  };
  writeIfChanged(path.join(kernelDir, "kernel.json"), JSON.stringify(spec, null, 2) + "\n");
  const logo = path.join(ROOT, "node_modules", "tslab", "python", "logo-64x64.png");
  if (fs.existsSync(logo)) fs.copyFileSync(logo, path.join(kernelDir, "logo-64x64.png"));
  // tslab is the only kernel: hide the Python kernel that ipykernel (a JupyterLab dependency) brings.
  fs.rmSync(path.join(prefix, "share", "jupyter", "kernels", "python3"), { recursive: true, force: true });
  const config = { KernelSpecManager: { ensure_native_kernel: false } };
  const etc = path.join(prefix, "etc", "jupyter");
  fs.mkdirSync(etc, { recursive: true });
  // jupyter_config.json is read by every Jupyter application (server, nbconvert, kernelspec).
  writeIfChanged(path.join(etc, "jupyter_config.json"), JSON.stringify(config, null, 2) + "\n");
  // The course works offline: JupyterLab must not poll the internet for news or updates.
  const server = { LabApp: { news_url: null, check_for_updates_class: "jupyterlab.NeverCheckForUpdate" } };
  writeIfChanged(path.join(etc, "jupyter_server_config.json"), JSON.stringify(server, null, 2) + "\n");
  const settings = path.join(prefix, "share", "jupyter", "lab", "settings");
  fs.mkdirSync(settings, { recursive: true });
  const overrides = { "@jupyterlab/apputils-extension:notification": { fetchNews: "false", checkForUpdates: false } };
  writeIfChanged(path.join(settings, "overrides.json"), JSON.stringify(overrides, null, 2) + "\n");
}

function writeIfChanged(file, text) {
  if (!fs.existsSync(file) || fs.readFileSync(file, "utf8") !== text) fs.writeFileSync(file, text);
}

export function venvBin(name) {
  return path.join(VENV_BIN, name);
}

/**
 * @param jupyterPrefix - install the kernel into this existing Jupyter environment (conda,
 *   Binder) instead of creating .venv; `node scripts/setup.mjs --jupyter-prefix "$CONDA_PREFIX"`.
 */
export function setup(jupyterPrefix = null) {
  checkNode();
  setupNode();
  setupLibTypes();
  setupKernelSnapshot();
  setupLibJs();
  if (jupyterPrefix) return setupKernel(path.resolve(jupyterPrefix));
  setupVenv(findPython());
  setupKernel();
}

/** The kernel checks cells against these instead of the lib's sources (faster first import). */
function setupLibTypes() {
  if (libTypes.freshIndex()) return;
  console.log("setup: building the lib's declaration files for the kernel (.cache/lib-types) ...");
  libTypes.buildLibTypes();
}

/** The kernel starts from it (kernel/launch.sh): TypeScript loaded, declaration files parsed. */
function setupKernelSnapshot() {
  if (kernelSnapshot.freshSnapshot()) return;
  console.log("setup: building the kernel's start-up snapshot (.cache/kernel-snapshot) ...");
  kernelSnapshot.buildKernelSnapshot();
}

/** The kernel runs it instead of the lib's sources through tsx (faster import and small kernels). */
function setupLibJs() {
  if (libJs.freshLibJs()) return;
  console.log("setup: compiling the lib to JavaScript for the kernel (.cache/lib-js) ...");
  libJs.buildLibJs();
}

function prefixArg(argv) {
  const at = argv.indexOf("--jupyter-prefix");
  if (at < 0) return null;
  if (!argv[at + 1]) fail("--jupyter-prefix expects the path of a Python environment with JupyterLab (e.g. $CONDA_PREFIX)");
  return argv[at + 1];
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) setup(prefixArg(process.argv.slice(2)));
