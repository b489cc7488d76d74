#!/usr/bin/env node
// `npm start`: opens JupyterLab on notebooks/ from the project's .venv, on loopback by default.
// Extra arguments go to JupyterLab, e.g. `npm start -- --port 9999` or `--ip 0.0.0.0` to serve
// other machines (then protect it: Jupyter's token is on by default).
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { venvBin } from "./setup.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const extra = process.argv.slice(2);
const has = (flag) => extra.some((a) => a === flag || a.startsWith(flag + "="));
const args = [
  "lab",
  `--ServerApp.root_dir=${path.join(ROOT, "notebooks")}`,
  ...(has("--ip") || has("--ServerApp.ip") ? [] : ["--ServerApp.ip=127.0.0.1"]),
  ...(has("--no-browser") || process.env.CI ? ["--no-browser"] : []),
  // Containers and Binder-like setups run as root; Jupyter refuses that unless told.
  ...(process.getuid?.() === 0 && !has("--allow-root") ? ["--allow-root"] : []),
  ...extra,
];
console.log("Starting JupyterLab; open the URL printed below (http://127.0.0.1:8888/lab?token=...). Ctrl+C stops it.");
const child = spawn(venvBin("jupyter"), args, {
  cwd: ROOT,
  stdio: "inherit",
  env: { ...process.env, DOTENV_CONFIG_QUIET: "true", TF_CPP_MIN_LOG_LEVEL: "2" },
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code) => process.exit(code ?? 0));
