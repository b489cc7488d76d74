#!/usr/bin/env node
// `npm run fixtures`: builds the reference environment .venv-ref/ from requirements-ref.txt
// (PyTorch, scikit-learn, NLTK; only for fixtures and the bench peer) when it is missing or the
// requirements changed, then regenerates every test fixture with its committed generator, so
// `git diff tests/fixtures` shows exactly what a new reference version changed.
//
//   node scripts/fixtures.mjs [topic ...]     (topics: init losses metrics nn optim plot text notes; default all)
//
// The text fixtures read SST-2 from $DLCOURSE_DATA/sst2, else datasets/sst2 of this checkout.
// The notes fixture (sample notebooks executed in the course kernel) uses the project .venv.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { setup, venvBin } from "./setup.mjs";
import referenceEnvironment from "./reference-env.cjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const REFERENCE_TOPICS = ["init", "losses", "metrics", "nn", "optim", "plot", "text"];
const TOPICS = [...REFERENCE_TOPICS, "notes"];

const refPython = referenceEnvironment.refPython(ROOT);

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: "inherit", env: { ...process.env, PYTHONHASHSEED: "0" } });
  if (r.status !== 0) {
    console.error(`fixtures: ${path.relative(ROOT, cmd) || cmd} ${args.join(" ")} failed (exit ${r.status ?? r.signal})`);
    process.exit(1);
  }
}

/** Creates or updates .venv-ref when requirements-ref.txt changed since the last install. */
function referenceEnv() {
  try {
    referenceEnvironment.ensureReferenceEnv({ who: "fixtures" });
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}

/** The text fixtures read SST-2; say where it is looked for before Python fails on a missing file. */
function checkSst2() {
  const dir = path.join(process.env.DLCOURSE_DATA ?? path.join(ROOT, "datasets"), "sst2");
  if (fs.existsSync(path.join(dir, "train.tsv"))) return;
  console.error(`fixtures: text needs SST-2 in ${dir} (set DLCOURSE_DATA, or load it once with data.loadSst2())`);
  process.exit(1);
}

const asked = process.argv.slice(2);
const unknown = asked.filter((t) => !TOPICS.includes(t));
if (unknown.length) {
  console.error(`fixtures: unknown topic ${unknown.join(", ")} (known: ${TOPICS.join(", ")})`);
  process.exit(2);
}
const topics = asked.length ? asked : TOPICS;
if (topics.some((t) => REFERENCE_TOPICS.includes(t))) referenceEnv();
for (const topic of topics) {
  console.log(`== fixtures: ${topic}`);
  const generator = path.join(ROOT, "tests", "fixtures", topic, "generate.py");
  if (topic === "text") checkSst2();
  if (topic === "notes") {
    setup();
    run(venvBin("python"), [generator]);
  } else {
    run(refPython, [generator]);
  }
}
console.log(`fixtures: regenerated ${topics.join(", ")}; review with git diff tests/fixtures`);
