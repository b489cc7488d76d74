// The lib compiled to CommonJS, one .js file per source (TypeScript's transpileModule) with a
// source map back to lib/, in .cache/lib-js/dlcourse-<key>/. Three users:
// - the grader's sandbox, where tsx cannot run (it starts esbuild as a child process);
// - the kernel (kernel/main.js) and the bench, for speed. tsx compiles with esbuild's keepNames,
//   which wraps every closure created inside a function in a `__name(fn, "name")` call, run at each
//   call of the function (a property definition on the new closure), and esbuild's CommonJS reads
//   every import through two getters. TypeScript's output has neither: the spiral's lecture step
//   takes ~9% less, and the kernel's first import ~0.15 s less (bench/README.md, "Round 10").
// Setup builds it (`npm run setup`); the kernel uses it only while its key matches the sources,
// else the sources through tsx, so a lib edit is still picked up at the next kernel start.
"use strict";
const { createHash } = require("node:crypto");
const fs = require("node:fs");
const Module = require("node:module");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..");
const LIB = path.join(ROOT, "lib");
const CACHE = path.join(ROOT, ".cache", "lib-js");
/** Folders nobody can still be using: older than any grading run or kernel session. */
const PRUNE_AFTER_MS = 24 * 3_600_000;

/** lib/'s TypeScript sources and the CommonJS files beside them (the wasm worker), sorted. */
function libFiles(dir = LIB) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "node_modules" ? [] : libFiles(p);
    return (e.name.endsWith(".ts") && !e.name.endsWith(".d.ts")) || e.name.endsWith(".cjs") ? [p] : [];
  }).sort();
}

/**
 * The compiled folder's key: a hash of this builder and of the lib's files (names and contents).
 * @param lib - the lib's folder (default lib/; tests pass a copy)
 * @returns 16 hex digits
 */
function libKey(lib = LIB) {
  const h = createHash("sha256").update(fs.readFileSync(__filename));
  for (const f of libFiles(lib)) h.update(path.relative(lib, f)).update("\0").update(fs.readFileSync(f)).update("\0");
  return h.digest("hex").slice(0, 16);
}

/** The folder for the lib as it is now. */
function currentDir() {
  return path.join(CACHE, `dlcourse-${libKey()}`);
}

/**
 * The compiled lib's folder when it matches lib/, else null.
 * @returns absolute path of a folder with index.js, or null (never built, or lib/ changed since)
 */
function freshLibJs() {
  const dir = currentDir();
  return fs.existsSync(path.join(dir, "index.js")) ? dir : null;
}

/**
 * Topic namespaces load on first use: a notebook on optimizers need not load the text pipeline
 * and danfo, nor a grading sandbox (seconds per start on a busy machine).
 */
function lazyNamespaces(js) {
  return js.replace(
    /^exports\.(\w+) = __importStar\(require\("(\.\/\w+)"\)\);$/gm,
    (_, name, from) =>
      `Object.defineProperty(exports, "${name}", { enumerable: true, configurable: true, get: function () { var v = __importStar(require("${from}")); Object.defineProperty(exports, "${name}", { value: v, enumerable: true }); return v; } });`,
  );
}

/** Writes one source's JavaScript and its map (sources pointing back at lib/) under `out`. */
function emit(ts, file, out) {
  const target = path.join(out, path.relative(LIB, file));
  fs.mkdirSync(path.dirname(target), { recursive: true });
  if (file.endsWith(".cjs")) return fs.copyFileSync(file, target);
  const js = target.replace(/\.ts$/, ".js");
  const r = ts.transpileModule(fs.readFileSync(file, "utf8"), {
    fileName: file,
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, esModuleInterop: true, sourceMap: true },
  });
  const map = JSON.parse(r.sourceMapText);
  map.sources = [path.relative(path.dirname(js), file)];
  const code = r.outputText
    .replace(/\/\/# sourceMappingURL=\S+\s*$/, "")
    // `import * as tf from "@tensorflow/tfjs"`: __importStar copies a CommonJS package's exports
    // into a new object, a getter per name, run at every `tf.x` before tfjs's own getter. The
    // package's exports are the same functions (the lib reads no `default` of them); same line count.
    .replace(/__importStar\(require\("(@tensorflow\/[\w-]+)"\)\)/g, 'require("$1")');
  fs.writeFileSync(js, `${file === path.join(LIB, "index.ts") ? lazyNamespaces(code) : code}//# sourceMappingURL=${path.basename(js)}.map\n`);
  fs.writeFileSync(`${js}.map`, JSON.stringify(map));
}

/** Removes compiled folders of earlier versions of lib/ that nobody can still be using. */
function prune(keep) {
  for (const name of fs.readdirSync(CACHE)) {
    const p = path.join(CACHE, name);
    try {
      if (p !== keep && !p.startsWith(`${keep}-`) && Date.now() - fs.statSync(p).mtimeMs > PRUNE_AFTER_MS) fs.rmSync(p, { recursive: true, force: true });
    } catch {
      /* raced with another builder */
    }
  }
}

/**
 * Compiles lib/ when it changed since the last build; idempotent, safe with concurrent builders.
 * @returns the compiled lib's folder, or null when TypeScript is not installed (npm ci without dev
 *   dependencies: the kernel then runs the sources through tsx)
 */
function buildLibJs() {
  const dir = currentDir();
  if (fs.existsSync(path.join(dir, "index.js"))) return dir;
  let ts;
  try {
    ts = require(require.resolve("typescript", { paths: [ROOT] }));
  } catch {
    process.stderr.write("lib-js: typescript is not installed (npm ci without dev dependencies?); the kernel will run the lib's sources\n");
    return null;
  }
  const tmp = `${dir}.tmp-${process.pid}`;
  for (const f of libFiles()) emit(ts, f, tmp);
  fs.writeFileSync(path.join(tmp, "package.json"), JSON.stringify({ name: "dlcourse", main: "index.js" }));
  try {
    fs.renameSync(tmp, dir);
  } catch {
    fs.rmSync(tmp, { recursive: true, force: true }); // another builder was first
  }
  prune(dir);
  return dir;
}

/**
 * Makes `require("dlcourse")` (and "dlcourse/<path>") load the compiled lib in `dir`, and keeps
 * tsx's hook (if any) off its files: Node's own CommonJS compile, as for a package.
 * @param dir - a folder from {@link freshLibJs} or {@link buildLibJs}
 */
function useLibJs(dir) {
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function (request, ...rest) {
    if (request === "dlcourse") return resolve.call(this, dir, ...rest);
    if (request.startsWith("dlcourse/")) return resolve.call(this, path.join(dir, request.slice(9)), ...rest);
    return resolve.call(this, request, ...rest);
  };
  const loadJs = Module._extensions[".js"];
  Module._extensions[".js"] = function (module, filename) {
    if (filename.startsWith(dir + path.sep)) return module._compile(fs.readFileSync(filename, "utf8"), filename);
    return loadJs.call(this, module, filename);
  };
  // A kernel may run longer than PRUNE_AFTER_MS and load a namespace late: its folder must stay.
  const now = new Date();
  try {
    fs.utimesSync(dir, now, now);
  } catch {
    /* read-only checkout: pruning is then someone else's */
  }
}

/**
 * The kernel's and the bench's choice: the compiled lib while it matches lib/, else the sources.
 * DLCOURSE_KERNEL_LIB_SOURCES=1 always runs the sources (bench A/B, debugging the lib).
 * @param build - compile first when stale (the bench); the kernel leaves that to setup
 * @returns the folder in use, or null (the sources)
 */
function useLibJsIfFresh(build = false) {
  if (process.env.DLCOURSE_KERNEL_LIB_SOURCES === "1") return null;
  const dir = build ? buildLibJs() : freshLibJs();
  if (dir) useLibJs(dir);
  return dir;
}

module.exports = { CACHE, libKey, freshLibJs, buildLibJs, useLibJs, useLibJsIfFresh };
