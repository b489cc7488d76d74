// The entry of the kernel's V8 startup snapshot (`node --build-snapshot`, run by
// scripts/kernel-snapshot.cjs from setup; what it holds and why: kernel/README.md "Start-up").
// It loads tslab's TypeScript and parses and binds the declaration files every kernel reads at
// start (lib.es2022, @types) and at the first `import ... from "dlcourse"` (the lib's declarations,
// tfjs's), then hands over to kernel/main.js when the snapshot is started. While the snapshot is
// built only Node's built-in modules can be required, hence plain JavaScript and no tsx here.
// argv: <typescript.js of tslab> <repository root>
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const v8 = require("node:v8");

const [tsPath, root] = process.argv.slice(2);
if (!tsPath || !root) throw new Error("kernel/snapshot-entry.js: usage: node --build-snapshot kernel/snapshot-entry.js <typescript.js> <root>");

/** Runs a CommonJS file that only requires built-in modules; returns its exports. */
function loadBuiltinOnly(file) {
  const module = { exports: {} };
  const run = new Function("exports", "require", "module", "__filename", "__dirname", fs.readFileSync(file, "utf8"));
  run(module.exports, require, module, file, path.dirname(file));
  return module.exports;
}

const ts = loadBuiltinOnly(tsPath);
const libTypes = loadBuiltinOnly(path.join(root, "scripts", "lib-types.cjs"));
const { sourceFiles, options } = parseAndBind(ts, root, libTypes.kernelCompilerOptions());

/**
 * Parses and binds what a kernel cell importing "dlcourse" and tfjs reads, with tslab's options.
 * @returns the source files by name, and the options used
 */
function parseAndBind(ts, root, extra) {
  const options = {
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    esModuleInterop: true,
    target: ts.ScriptTarget.ES2022,
    lib: ["lib.es2022.d.ts"],
    declaration: true,
    noEmit: true,
    jsx: ts.JsxEmit.React,
    typeRoots: [path.join(root, "node_modules", "@types")],
    allowJs: true,
    checkJs: true,
    skipLibCheck: true,
    resolveJsonModule: true,
    ...extra,
  };
  const cell = path.join(root, "notebooks", "__snapshot__.ts");
  const host = ts.createCompilerHost(options);
  // ts.sys memoizes the current directory on first use: asking it here would fix the kernel's
  // current directory to this one (the notebook's folder is what tslab and module resolution need).
  host.getCurrentDirectory = () => root;
  const getSourceFile = host.getSourceFile;
  host.getSourceFile = (name, ...rest) =>
    name === cell ? ts.createSourceFile(name, 'import * as dl from "dlcourse";\nimport * as tf from "@tensorflow/tfjs";\nexport { dl, tf };\n', ts.ScriptTarget.ES2022) : getSourceFile(name, ...rest);
  const program = ts.createProgram([cell], options, host);
  program.getTypeChecker(); // binds every file
  const sourceFiles = new Map();
  for (const f of program.getSourceFiles()) {
    if (f.fileName === cell) continue;
    f.version = ts.sys.createHash ? ts.sys.createHash(f.text) : String(f.text.length);
    sourceFiles.set(f.fileName, f);
  }
  return { sourceFiles, options };
}

const stat = fs.statSync(tsPath);
globalThis.__dlcourseSnapshot__ = { ts, tsPath, tsStamp: `${stat.size}:${stat.mtimeMs}`, sourceFiles, root };

v8.startupSnapshot.setDeserializeMainFunction(() => {
  // Node 20 removes it while building a snapshot and does not put it back: without it, errors have no stack.
  if (typeof Error.stackTraceLimit !== "number") Error.stackTraceLimit = 10;
  // Processes a notebook forks inherit execArgv: they start normally, not from this snapshot.
  ts.sys.args = process.argv.slice(2);
  const at = process.execArgv.indexOf("--snapshot-blob");
  if (at >= 0) process.execArgv.splice(at, 2);
  // argv as for `node kernel/main.js ...`: [node, <kernel/main.js>, ...]
  const main = path.resolve(process.argv[1]);
  require("node:module").createRequire(main)(main);
});
