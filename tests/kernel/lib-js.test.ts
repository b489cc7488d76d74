/**
 * The lib compiled to JavaScript (scripts/lib-js.cjs), which the kernel, the bench and the grader
 * run: built from lib/ with source maps back to it, chosen only while it matches lib/, and the
 * same lib to a notebook (datasets found, the wasm worker beside the engine, errors pointing at
 * lib/'s lines).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const libJs = require("../../scripts/lib-js.cjs") as {
  CACHE: string;
  libKey(lib?: string): string;
  freshLibJs(): string | null;
  buildLibJs(): string | null;
};

/** Runs `code` in a plain Node (no tsx) that uses the compiled lib in `dir`; returns its stdout. */
function withLibJs(dir: string, code: string, env: Record<string, string> = {}): string {
  const script = `require(${JSON.stringify(path.join(ROOT, "scripts", "lib-js.cjs"))}).useLibJs(${JSON.stringify(dir)});\n${code}`;
  return execFileSync(process.execPath, ["--enable-source-maps", "-e", script], { cwd: os.tmpdir(), encoding: "utf8", env: { ...process.env, DLCOURSE_DATA: "", ...env } });
}

test("buildLibJs compiles every source with a map back to lib/, and freshLibJs finds it", () => {
  const dir = libJs.buildLibJs();
  assert.ok(dir != null && dir.startsWith(libJs.CACHE + path.sep), String(dir));
  assert.equal(libJs.freshLibJs(), dir);
  assert.equal(libJs.buildLibJs(), dir, "a second build reuses the folder");
  for (const rel of ["index.js", "nn/dense.js", "engine/gemm/kernel.js", "engine/wasm-worker.cjs", "package.json"]) {
    assert.ok(fs.existsSync(path.join(dir, rel)), rel);
  }
  const map = JSON.parse(fs.readFileSync(path.join(dir, "nn", "dense.js.map"), "utf8")) as { sources: string[] };
  assert.equal(path.resolve(dir, "nn", map.sources[0]), path.join(ROOT, "lib", "nn", "dense.ts"));
  // tfjs is required directly, not copied into a namespace object of getters.
  assert.doesNotMatch(fs.readFileSync(path.join(dir, "backend.js"), "utf8"), /__importStar\(require\("@tensorflow/);
});

test("the key follows the lib's files: an edit, a new file, or a renamed one give another folder", () => {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), "dlcourse-libjs-"));
  try {
    fs.cpSync(path.join(ROOT, "lib"), copy, { recursive: true });
    const key = libJs.libKey(copy);
    assert.equal(key, libJs.libKey(), "a copy of lib/ has lib/'s key");
    fs.appendFileSync(path.join(copy, "nn", "dense.ts"), "\n// edited\n");
    const edited = libJs.libKey(copy);
    assert.notEqual(edited, key);
    fs.writeFileSync(path.join(copy, "extra.ts"), "export const x = 1;\n");
    assert.notEqual(libJs.libKey(copy), edited);
    fs.renameSync(path.join(copy, "extra.ts"), path.join(copy, "extra2.ts"));
    assert.notEqual(libJs.libKey(copy), edited);
  } finally {
    fs.rmSync(copy, { recursive: true, force: true });
  }
});

test("a notebook's dlcourse from the compiled lib: same exports, datasets beside lib/, errors at lib/'s lines", () => {
  const dir = libJs.buildLibJs()!;
  const out = withLibJs(dir, `(async () => {
    const dl = require("dlcourse");
    const sub = require("dlcourse/nn");
    await dl.ready({ backend: "cpu" });
    let stack = "";
    try { dl.nn.denseForward(dl.tf.zeros([2, 5]), dl.tf.zeros([4, 3]), dl.tf.zeros([3])); } catch (e) { stack = e.stack; }
    console.log(JSON.stringify({ main: require.resolve("dlcourse"), sub: sub.denseForward === dl.nn.denseForward,
      data: dl.data.REPO_DATASETS, names: Object.keys(dl).sort(), stack }));
  })();`);
  const r = JSON.parse(out) as { main: string; sub: boolean; data: string; names: string[]; stack: string };
  assert.equal(r.main, path.join(dir, "index.js"));
  assert.ok(r.sub, "dlcourse/nn is the same module as dlcourse's nn");
  assert.equal(r.data, path.join(ROOT, "datasets"));
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the sources, through this test's tsx
  assert.deepEqual(r.names, Object.keys(require("../../lib")).sort());
  assert.match(r.stack, /nn\.denseForward: expected w \[5, M\], got \[4, 3\]/);
  assert.match(r.stack, new RegExp(`${path.join(ROOT, "lib", "nn", "dense.ts").replace(/[/.]/g, "\\$&")}:\\d+:\\d+`), r.stack);
});

test("the kernel's choice: the fresh build, or the sources with DLCOURSE_KERNEL_LIB_SOURCES=1", () => {
  const script = (env: string) => `process.env.DLCOURSE_KERNEL_LIB_SOURCES = ${JSON.stringify(env)};
    console.log(String(require(${JSON.stringify(path.join(ROOT, "scripts", "lib-js.cjs"))}).useLibJsIfFresh()));`;
  const run = (env: string) => execFileSync(process.execPath, ["-e", script(env)], { encoding: "utf8" }).trim();
  assert.equal(run("1"), "null");
  assert.equal(run("0"), String(libJs.freshLibJs()));
});
