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

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? tsFiles(p) : e.name.endsWith(".ts") && !e.name.endsWith(".d.ts") ? [p] : [];
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
      if (p !== keep && Date.now() - fs.statSync(p).mtimeMs > 3_600_000) fs.rmSync(p, { recursive: true, force: true });
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
