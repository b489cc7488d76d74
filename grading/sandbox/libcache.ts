/**
 * The course lib compiled to JavaScript for the sandbox: scripts/lib-js.cjs's build (TypeScript's
 * transpileModule, in-process; the same JavaScript the kernel runs after setup) in
 * .cache/lib-js/dlcourse-<key>/, inside the repo so that packages still resolve from node_modules.
 * tsx cannot load the sources here: it runs esbuild as a child process, which the sandbox forbids.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const libJs = require("../../scripts/lib-js.cjs") as { buildLibJs(): string | null };

/** Compiled files below `dir` with the given ending. */
function jsFiles(dir: string, ending: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? jsFiles(p, ending) : e.name.endsWith(ending) ? [p] : [];
  });
}

let memo: string | null = null;

/**
 * Returns the folder of the compiled lib (its index.js), building it when lib/ changed. Memoized
 * per process, so one grading run uses one snapshot of the lib even while lib/ is being edited.
 * @throws Error when TypeScript is not installed (the grader needs the dev dependencies)
 */
export function compiledLib(): string {
  memo ??= libJs.buildLibJs();
  if (memo == null) throw new Error("compiledLib: expected the typescript package to compile lib/ for the sandbox, got none installed: run npm ci with dev dependencies");
  return memo;
}

/**
 * A copy of the compiled lib in which the given exports (`"nn.batchNormBackward"`: namespace and
 * name) throw when called: an assignment that asks students to write X must not let them import
 * X. The override is appended to every compiled module of that namespace's folder (or, failing
 * that, of the whole lib) that exports the name, so it holds for `nn.X`, a subpath import and a
 * direct require of the file alike. The trusted tests keep the real lib.
 * @throws Error naming the export when no module of the lib defines it (a typo in the assignment)
 */
export function restrictedLib(hide: string[]): string {
  const base = compiledLib();
  if (!hide.length) return base;
  const names = [...new Set(hide)].sort();
  // The stub's own code is part of the key: a changed override must not reuse an old copy.
  const key = createHash("sha256").update(names.join(",")).update(restrictedLib.toString()).digest("hex").slice(0, 12);
  const dir = `${base}-hide-${key}`;
  if (fs.existsSync(path.join(dir, "index.js"))) return dir;
  const tmp = `${dir}.tmp-${process.pid}`;
  fs.cpSync(base, tmp, { recursive: true });
  for (const full of names) {
    const m = /^(\w+)\.(\w+)$/.exec(full);
    if (!m) throw new Error(`restrictedLib: expected "namespace.name" (e.g. "nn.batchNormBackward"), got "${full}"`);
    // `exports.X = X;` or `exports.X = <value>`, not the `exports.X = exports.Y = void 0;` preamble.
    const defines = (f: string) => new RegExp(`^exports\\.${m[2]} = (?!void 0;|exports\\.)`, "m").test(fs.readFileSync(f, "utf8"));
    const js = (d: string) => (fs.existsSync(d) ? jsFiles(d, ".js") : []);
    let files = js(path.join(tmp, m[1])).filter(defines);
    if (!files.length) files = js(tmp).filter(defines);
    if (!files.length) throw new Error(`restrictedLib: the lib defines no export "${full}" (check dlcourse_grading.hide_from_students)`);
    const stub = `\nexports.${m[2]} = function () { throw new Error(${JSON.stringify(`${full} недоступна в этом задании: эту функцию нужно написать самому`)}); };\n`;
    for (const f of files) fs.appendFileSync(f, stub);
  }
  try {
    fs.renameSync(tmp, dir);
  } catch {
    fs.rmSync(tmp, { recursive: true, force: true }); // another grader built it first
  }
  return dir;
}
