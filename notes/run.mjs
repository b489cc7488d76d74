#!/usr/bin/env node
// `npm run notes`: builds the rendered lecture notes (site/) with the project's .venv Python.
// Arguments pass through to notes/build.py (see `node notes/run.mjs --help`).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { venvBin } from "../scripts/setup.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const python = venvBin("python");
if (!fs.existsSync(python)) {
  console.error(`notes: ${path.relative(ROOT, python)} is missing; run \`npm run setup\` first (it creates .venv with nbconvert).`);
  process.exit(1);
}
const env = { ...process.env, DOTENV_CONFIG_QUIET: "true", TF_CPP_MIN_LOG_LEVEL: "2" };
const r = spawnSync(python, [path.join(ROOT, "notes", "build.py"), ...process.argv.slice(2)], { cwd: ROOT, env, stdio: "inherit" });
if (r.error) console.error(`notes: could not run ${python}: ${r.error.message}`);
process.exit(r.status ?? 1);
