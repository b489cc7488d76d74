/**
 * A V8 code cache for the large CommonJS files the kernel loads at every start (TypeScript for
 * tslab, 8 MB; the tfjs bundles), so their functions are not parsed and compiled again at each
 * kernel start: Node 22's `module.enableCompileCache()` where it exists, else our own, in the spirit
 * of the `v8-compile-cache` package (Node 20): files under node_modules larger than
 * {@link MIN_BYTES} are compiled with `vm.Script` and cached data from `.cache/v8/`, which is
 * written soon after a miss and again when the kernel exits (then it includes the functions the
 * session compiled lazily). The cache is keyed by path, size, mtime and Node version, and checked
 * by V8 (a rejected cache is rewritten). DLCOURSE_COMPILE_CACHE=0 turns it off (bench A/B).
 */
import crypto from "node:crypto";
import fs from "node:fs";
import Module from "node:module";
import path from "node:path";
import vm from "node:vm";

/** Smaller files compile fast enough; only the big bundles are worth a cache file. */
export const MIN_BYTES = 256 * 1024;

interface ModuleInternals {
  _compile(content: string, filename: string): unknown;
  exports: unknown;
  require(id: string): unknown;
}
type ModuleStatics = { prototype: ModuleInternals; wrap(s: string): string; _resolveFilename(...a: unknown[]): string; _cache: unknown; _extensions: unknown };

/**
 * Turns the code cache on for this process (idempotent).
 * @param dir - the cache folder, e.g. `<repo>/.cache/v8`
 * @returns "node" (Node's own compile cache), "own" (this file's), or "off" (DLCOURSE_COMPILE_CACHE=0)
 */
let mode: "node" | "own" | "off" | null = null;

export function enableCompileCache(dir: string): "node" | "own" | "off" {
  return (mode ??= enable(dir));
}

function enable(dir: string): "node" | "own" | "off" {
  if (process.env.DLCOURSE_COMPILE_CACHE === "0") return "off";
  const native = (Module as unknown as { enableCompileCache?: (d: string) => unknown }).enableCompileCache;
  if (native) {
    native(dir);
    return "node";
  }
  const M = Module as unknown as ModuleStatics;
  const original = M.prototype._compile;
  const scripts = new Map<string, vm.Script>();
  let timer: NodeJS.Timeout | null = null;
  const writeSoon = () => (timer ??= setTimeout(() => ((timer = null), writeAll(dir, scripts)), 2000).unref());
  M.prototype._compile = function (this: ModuleInternals, content: string, filename: string) {
    if (content.length < MIN_BYTES || !filename.includes(`${path.sep}node_modules${path.sep}`)) return original.call(this, content, filename);
    const file = path.join(dir, cacheName(filename, content));
    const cachedData = readOrUndefined(file);
    const script = new vm.Script(M.wrap(content), { filename, cachedData });
    if (cachedData == null || script.cachedDataRejected) {
      scripts.set(file, script);
      writeSoon();
    }
    const fn = script.runInThisContext({ displayErrors: true }) as (...a: unknown[]) => unknown;
    return fn.call(this.exports, this.exports, requireFor(this, M), this, filename, path.dirname(filename));
  };
  process.once("exit", () => writeAll(dir, scripts));
  return "own";
}

function cacheName(filename: string, content: string): string {
  const stat = fs.statSync(filename);
  const key = `${filename}\0${stat.size}\0${stat.mtimeMs}\0${content.length}\0${process.version}`;
  return `${path.basename(filename)}.${crypto.createHash("sha1").update(key).digest("hex").slice(0, 16)}.bin`;
}

function readOrUndefined(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/** The `require` a module's code gets, as Node builds it (resolve, cache, main). */
function requireFor(mod: ModuleInternals, M: ModuleStatics): NodeJS.Require {
  const req = ((id: string) => mod.require(id)) as NodeJS.Require;
  req.resolve = ((request: string, options?: unknown) => M._resolveFilename(request, mod, false, options)) as NodeJS.RequireResolve;
  req.main = require.main;
  req.cache = M._cache as NodeJS.Require["cache"];
  req.extensions = M._extensions as NodeJS.Require["extensions"];
  return req;
}

/**
 * Writes the cached data of every script compiled without a usable cache (atomically: kernels
 * may start side by side); never throws.
 */
function writeAll(dir: string, scripts: Map<string, vm.Script>): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
    for (const [file, script] of scripts) {
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, script.createCachedData());
      fs.renameSync(tmp, file);
    }
  } catch {
    // a read-only checkout only loses the speed-up
  }
}
