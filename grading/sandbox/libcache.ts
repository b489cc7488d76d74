/**
 * The course lib compiled to JavaScript for the sandbox. The kernel loads lib/ through tsx, but
 * tsx runs esbuild as a child process, which the sandbox forbids; so the grader transpiles lib/
 * once (TypeScript's transpileModule, in-process) into .cache/grading/dlcourse-<hash>/, which is
 * inside the repo so that packages still resolve from node_modules.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { ROOT } from "../paths";

const LIB = path.join(ROOT, "lib");

/** Source files below `dir` with the given ending (declaration files left out). */
function tsFiles(dir: string, ending = ".ts"): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? tsFiles(p, ending) : e.name.endsWith(ending) && !e.name.endsWith(".d.ts") ? [p] : [];
  });
}

/**
 * Topic namespaces load on first use: grading the optimizers homework need not pay for the text
 * pipeline and danfo (seconds per sandbox start on a busy machine).
 */
function lazyNamespaces(js: string): string {
  return js.replace(
    /^exports\.(\w+) = __importStar\(require\("(\.\/\w+)"\)\);$/gm,
    (_, name: string, from: string) =>
      `Object.defineProperty(exports, "${name}", { enumerable: true, configurable: true, get: function () { var v = __importStar(require("${from}")); Object.defineProperty(exports, "${name}", { value: v, enumerable: true }); return v; } });`,
  );
}

let memo: string | null = null;

/**
 * Returns the folder of the compiled lib (its index.js), building it when lib/ changed. Memoized
 * per process, so one grading run uses one snapshot of the lib even while lib/ is being edited.
 */
export function compiledLib(): string {
  memo ??= build();
  return memo;
}

/** Removes snapshots nobody can still be using (older than any grading run's time limit). */
function prune(keep: string): void {
  const root = path.dirname(keep);
  for (const name of fs.readdirSync(root)) {
    const p = path.join(root, name);
    try {
      if (p !== keep && !p.startsWith(`${keep}-hide-`) && Date.now() - fs.statSync(p).mtimeMs > 3_600_000) fs.rmSync(p, { recursive: true, force: true });
    } catch {
      /* raced with another grader */
    }
  }
}

function build(): string {
  const files = tsFiles(LIB).sort();
  const hash = createHash("sha256");
  for (const f of files) hash.update(f).update(fs.readFileSync(f));
  const dir = path.join(ROOT, ".cache", "grading", `dlcourse-${hash.digest("hex").slice(0, 16)}`);
  if (fs.existsSync(path.join(dir, "index.js"))) return dir;
  const tmp = `${dir}.tmp-${process.pid}`;
  for (const f of files) {
    let out = ts.transpileModule(fs.readFileSync(f, "utf8"), {
      fileName: f,
      compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, esModuleInterop: true },
    }).outputText;
    const target = path.join(tmp, path.relative(LIB, f)).replace(/\.ts$/, ".js");
    if (f === path.join(LIB, "index.ts")) out = lazyNamespaces(out);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, out);
  }
  fs.writeFileSync(path.join(tmp, "package.json"), JSON.stringify({ name: "dlcourse", main: "index.js" }));
  try {
    fs.renameSync(tmp, dir);
  } catch {
    fs.rmSync(tmp, { recursive: true, force: true }); // another grader built it first
  }
  prune(dir);
  return dir;
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
    const js = (d: string) => (fs.existsSync(d) ? tsFiles(d, ".js") : []);
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
