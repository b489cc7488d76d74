#!/usr/bin/env node
// The course's Jupyter kernel: tslab 1.0.22, started from this checkout, with `.ts` files
// loadable at run time. `import ... from "dlcourse"` runs the lib as setup compiled it to JavaScript,
// or its TypeScript sources directly once lib/ has changed since: a change to lib/ is therefore
// picked up by the next kernel start (Kernel > Restart), and runs at full speed after `npm run setup`.
// What our wrapper (kernel/*.ts) changes in tslab's behaviour, and why: kernel/README.md.
"use strict";
process.env.DOTENV_CONFIG_QUIET ??= "true";
process.env.TF_CPP_MIN_LOG_LEVEL ??= "2";

// tsx's CommonJS hook compiles .ts on require (esbuild, milliseconds per file); packages'
// CommonJS stays with Node's own loader (kernel/tsx-scope.ts).
const nodeJsLoader = require("node:module")._extensions[".js"];
require("tsx/cjs/api").register();
require("./tsx-scope.ts").keepTsxToSources(nodeJsLoader);
// "dlcourse" is the lib as setup compiled it while that matches lib/, else its sources (scripts/lib-js.cjs).
require("../scripts/lib-js.cjs").useLibJsIfFresh();
// V8's compiled code of TypeScript and tfjs kept between kernel starts (kernel/compile-cache.ts).
require("./compile-cache.ts").enableCompileCache(require("node:path").join(__dirname, "..", ".cache", "v8"));

const args = process.argv.slice(2);
const at = args.indexOf("--config-path");
if (args[0] !== "kernel" || at < 0 || !args[at + 1]) {
  console.error("usage: node kernel/main.js kernel --config-path <connection_file>");
  process.exit(2);
}
require("./start.ts").start(args[at + 1]);
