// The install must hold together offline: one tfjs-core for every package, the native backend
// only optional, and nothing printed when the course's libraries load.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..");
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));

test("tfjs-node is an optional dependency only, and danfojs-node is pointed at our tfjs", () => {
  assert.equal(pkg.optionalDependencies?.["tfjs-node-native"], "npm:@tensorflow/tfjs-node@4.22.0");
  assert.equal(pkg.dependencies?.["@tensorflow/tfjs-node"], undefined);
  assert.equal(pkg.overrides?.["@tensorflow/tfjs-node"], `npm:@tensorflow/tfjs@${pkg.dependencies["@tensorflow/tfjs"]}`);
});

function coreCopies(dir: string, found: Set<string>): void {
  const nm = path.join(dir, "node_modules");
  if (!fs.existsSync(nm)) return;
  for (const name of fs.readdirSync(nm)) {
    const entries = name.startsWith("@") ? fs.readdirSync(path.join(nm, name)).map((n) => `${name}/${n}`) : [name];
    for (const entry of entries) {
      const p = path.join(nm, entry);
      if (entry === "@tensorflow/tfjs-core") found.add(fs.realpathSync(p));
      if (!fs.lstatSync(p).isSymbolicLink()) coreCopies(p, found);
    }
  }
}

test("exactly one @tensorflow/tfjs-core is installed", () => {
  const found = new Set<string>();
  coreCopies(ROOT, found);
  assert.deepEqual([...found].map((p) => path.relative(ROOT, p)), ["node_modules/@tensorflow/tfjs-core"]);
});

// natural's dotenv prints tips on load unless DOTENV_CONFIG_QUIET is set: the kernel's spec sets
// it for notebook cells, and the lib sets it itself before loading natural for everyone else.
const kernelEnv = JSON.parse(fs.readFileSync(path.join(ROOT, ".venv", "share", "jupyter", "kernels", "dlcourse", "kernel.json"), "utf8")).env;
const loads: Array<[string, string, Record<string, string | undefined>]> = [
  ["natural", "in the kernel's environment", kernelEnv],
  ["danfojs-node", "in the kernel's environment", kernelEnv],
  ["dlcourse", "in a plain Node process", { DOTENV_CONFIG_QUIET: undefined, TF_CPP_MIN_LOG_LEVEL: undefined }],
];
for (const [mod, where, env] of loads) {
  test(`loading ${mod} ${where} prints nothing`, () => {
    const r = spawnSync(process.execPath, ["--import", "tsx", "-e", `require(${JSON.stringify(mod)})`], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, DOTENV_CONFIG_QUIET: undefined, ...env },
    });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout + r.stderr, "");
  });
}
