#!/usr/bin/env node
// The course's Jupyter kernel: tslab, started from this checkout, with `.ts` files loadable
// at run time so `import ... from "dlcourse"` runs the lib's TypeScript sources directly.
// A change to lib/ is therefore picked up by the next kernel start (Kernel > Restart).
"use strict";
process.env.DOTENV_CONFIG_QUIET ??= "true";
process.env.TF_CPP_MIN_LOG_LEVEL ??= "2";

// tsx's CommonJS hook compiles .ts on require (esbuild, milliseconds per file).
require("tsx/cjs/api").register();

const { startKernel } = require("tslab/dist/main");
const args = process.argv.slice(2);
const at = args.indexOf("--config-path");
if (args[0] !== "kernel" || at < 0 || !args[at + 1]) {
  console.error("usage: node kernel/main.js kernel --config-path <connection_file>");
  process.exit(2);
}
startKernel({ configPath: args[at + 1], enableFindLocal: false, jsKernel: false });
