/**
 * kernel/compile-cache.ts: a big module under node_modules loads the same with the code cache,
 * the cache is written on the first load and accepted by V8 on the next, and it can be turned off.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..");

/** Loads a ~300 kB module from a fake node_modules in a fresh Node with the cache on; returns what it printed. */
function load(dir: string, env: Record<string, string> = {}): { mode: string; value: number; line: string; cached: string[] } {
  const script = `
    require("tsx/cjs/api").register();
    const mode = require(${JSON.stringify(path.join(ROOT, "kernel", "compile-cache.ts"))}).enableCompileCache(${JSON.stringify(path.join(dir, "v8"))});
    const big = require(${JSON.stringify(path.join(dir, "node_modules", "big", "index.js"))});
    console.log(JSON.stringify({ mode, value: big.answer(), line: big.where() }));`;
  const out = execFileSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8", env: { ...process.env, ...env } });
  const cacheDir = path.join(dir, "v8");
  return { ...JSON.parse(out), cached: fs.existsSync(cacheDir) ? fs.readdirSync(cacheDir) : [] };
}

test("a big module loads the same with the code cache, which is written once and then reused", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dlcourse-cc-"));
  try {
    const mod = path.join(dir, "node_modules", "big");
    fs.mkdirSync(mod, { recursive: true });
    const filler = Array.from({ length: 12000 }, (_, i) => `function f${i}(x) { return x + ${i}; }`).join("\n");
    const where = "exports.where = () => new Error().stack.split('\\n')[1].trim();";
    fs.writeFileSync(path.join(mod, "index.js"), `${where}\n${filler}\nexports.answer = () => f41(1) + require("node:path").sep.length;\n`);
    const first = load(dir);
    if (first.mode === "node") return; // Node 22+: Node's own cache, nothing of ours to test
    assert.equal(first.mode, "own");
    assert.equal(first.value, 43);
    assert.equal(first.cached.length, 1, "the cache is written when the process exits");
    const stamp = fs.statSync(path.join(dir, "v8", first.cached[0])).mtimeMs;
    const second = load(dir);
    assert.deepEqual({ ...second, cached: second.cached.length }, { ...first, cached: 1 });
    assert.equal(fs.statSync(path.join(dir, "v8", first.cached[0])).mtimeMs, stamp, "an accepted cache is not rewritten");
    assert.match(second.line, /index\.js:1:/, "line numbers are the file's");
    assert.equal(load(dir, { DLCOURSE_COMPILE_CACHE: "0" }).mode, "off");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
