// The reference environment .venv-ref/ (PyTorch, scikit-learn, NLTK from requirements-ref.txt):
// the numbers fixtures are generated from (scripts/fixtures.mjs) and the PyTorch side of the bench
// (bench/run.ts). Created or updated when requirements-ref.txt changed since the last install, as
// setup does .venv. CommonJS so that both the .mjs scripts and the bench (tsx, CommonJS) load it.
"use strict";
const { createHash } = require("node:crypto");
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..");

/** Where the environment's python is under `root`. */
function refPython(root = ROOT) {
  return path.join(root, ".venv-ref", process.platform === "win32" ? "Scripts/python.exe" : "bin/python");
}

/** How to build it by hand, for error messages. */
function howTo(root) {
  const rel = (p) => path.relative(process.cwd(), path.join(root, p)) || ".";
  return `create it with \`python3 -m venv ${rel(".venv-ref")} && ${rel(".venv-ref/bin/python")} -m pip install -r ${rel("requirements-ref.txt")}\` (needs Python 3.10+ and PyPI; PyTorch is ~1 GB)`;
}

/**
 * Creates or updates .venv-ref when it is missing or requirements-ref.txt changed.
 * @param options.root - the checkout (default: this one)
 * @param options.python - the Python that creates the venv (default: $PYTHON, else python3)
 * @param options.who - the command name that prefixes messages ("fixtures", "bench")
 * @returns the environment's python
 * @throws Error naming the step that failed and how to build the environment by hand
 */
function ensureReferenceEnv(options = {}) {
  const root = options.root ?? ROOT;
  const who = options.who ?? "reference-env";
  const python = refPython(root);
  const stamp = path.join(root, ".venv-ref", ".requirements-ref.sha256");
  const want = createHash("sha256").update(fs.readFileSync(path.join(root, "requirements-ref.txt"))).digest("hex");
  if (fs.existsSync(python) && fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8").trim() === want) return python;
  console.log(`${who}: installing the reference environment .venv-ref (PyTorch, scikit-learn, NLTK) from requirements-ref.txt ...`);
  const run = (cmd, args, step) => {
    const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit" });
    if (r.status !== 0) {
      const why = r.error ? r.error.message : `exit ${r.status ?? r.signal}`;
      throw new Error(`${who}: could not ${step} (${cmd}: ${why}); ${howTo(root)}`);
    }
  };
  if (!fs.existsSync(python)) run(options.python ?? process.env.PYTHON ?? "python3", ["-m", "venv", path.join(root, ".venv-ref")], "create .venv-ref");
  run(python, ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", "requirements-ref.txt"], "install requirements-ref.txt into .venv-ref");
  fs.writeFileSync(stamp, `${want}\n`);
  return python;
}

module.exports = { ensureReferenceEnv, refPython };
