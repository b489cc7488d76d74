// Run by snapshot.test.ts as `node --snapshot-blob <setup's blob> snapshot-probe.cjs` from notebooks/:
// starts the kernel's cell runner as kernel/main.js and kernel/start.ts do, runs a cell importing
// dlcourse and a cell with a type error, and prints one JSON line with what happened.
"use strict";
const path = require("node:path");
const kernel = path.join(__dirname, "..", "..", "kernel");
const nodeJsLoader = require("node:module")._extensions[".js"];
require("tsx/cjs/api").register();
require(path.join(kernel, "tsx-scope.ts")).keepTsxToSources(nodeJsLoader);
const snapshot = require(path.join(kernel, "snapshot.ts"));
const hadState = globalThis.__dlcourseSnapshot__ != null;
require(path.join(kernel, "sourcemap.ts")).installCompilerHooks();
const { CellRunner } = require(path.join(kernel, "execute.ts"));
const runner = new CellRunner(process.cwd());
const options = { label: "Cell In[1]", stderr: (s) => process.stderr.write(s) };
(async () => {
  const ok = await runner.run('import { ready, tf, optim } from "dlcourse";\nawait ready({ backend: "cpu" });\ntf.tensor([1, 2]).sum().dataSync()[0]', options);
  const bad = await runner.run("const ok = 1;\nconst lr: string = new optim.SGD({ lr: 0.1 });", { ...options, label: "Cell In[2]" });
  const adopted = hadState && globalThis.__dlcourseSnapshot__ == null && snapshot.snapshotStats.served > 0 ? "snapshot" : "none";
  const error = bad.ok ? null : { ename: bad.error.ename, evalue: bad.error.evalue, traceback: bad.error.traceback.join("\n") };
  const cwd = require("@tslab/typescript-for-tslab").sys.getCurrentDirectory();
  console.log(JSON.stringify({ adopted, value: ok.ok ? ok.value?.v : ok.error, error, served: snapshot.snapshotStats.served, cwd }));
  process.exit(0);
})();
