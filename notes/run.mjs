#!/usr/bin/env node
// `npm run notes`: builds the rendered lecture notes (site/) with the project's .venv Python.
// Arguments pass through to notes/build.py (see `node notes/run.mjs --help`), except --check:
// after the build, load every page in chromium offline (tests/notes/course.test.ts).
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
const args = process.argv.slice(2);
const check = args.includes("--check");
const buildArgs = args.filter((a) => a !== "--check");
const r = spawnSync(python, [path.join(ROOT, "notes", "build.py"), ...buildArgs], { cwd: ROOT, env, stdio: "inherit" });
if (r.error) console.error(`notes: could not run ${python}: ${r.error.message}`);
if (r.status !== 0 || !check || buildArgs.includes("--help") || buildArgs.includes("-h")) process.exit(r.status ?? 1);

const outAt = buildArgs.indexOf("--out");
const site = path.resolve(outAt >= 0 ? buildArgs[outAt + 1] : path.join(ROOT, "site"));
console.log(`notes: checking ${path.relative(ROOT, site) || site} in chromium, offline`);
const t = spawnSync(process.execPath, ["--import", "tsx", "--test", "--test-reporter=spec", path.join(ROOT, "tests", "notes", "course.test.ts")],
  { cwd: ROOT, env: { ...env, DLCOURSE_NOTES_SITE: site }, stdio: "inherit" });
process.exit(t.status ?? 1);
