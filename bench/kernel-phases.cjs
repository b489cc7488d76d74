// The phases of a kernel start, in-process and without Jupyter (bench/README.md, "Start-up (round 2)"):
// CPU milliseconds of this process per phase (steadier than wall time on a shared machine), as
// kernel/main.js and kernel/start.ts go through them, then the first cells.
//   node bench/kernel-phases.cjs                                                   (normal start)
//   node --snapshot-blob .cache/kernel-snapshot/kernel.blob bench/kernel-phases.cjs  (from setup's snapshot)
// Environment: the kernel's own switches (kernel/README.md, Settings), e.g. DLCOURSE_TSX_SCOPE=0;
// PHASES_CELLS=N adds N trivial cells after the import. Prints one JSON line.
"use strict";
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..");
const cpu = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};
const out = { node: Math.round(cpu()) };
let last = cpu();
const phase = (name) => {
  const now = cpu();
  out[name] = Math.round(now - last);
  last = now;
};

process.chdir(path.join(ROOT, "notebooks"));
const nodeJsLoader = require("node:module")._extensions[".js"];
require("tsx/cjs/api").register();
require(path.join(ROOT, "kernel", "tsx-scope.ts")).keepTsxToSources(nodeJsLoader);
require(path.join(ROOT, "kernel", "compile-cache.ts")).enableCompileCache(path.join(ROOT, ".cache", "v8"));
phase("tsx");
require(path.join(ROOT, "kernel", "sourcemap.ts")).installCompilerHooks();
phase("typescript");
const { CellRunner } = require(path.join(ROOT, "kernel", "execute.ts"));
phase("kernelModules");
const runner = new CellRunner(process.cwd());
runner.warm();
phase("typeChecker");

(async () => {
  const options = { label: "Cell In[1]", stderr: (s) => process.stderr.write(s) };
  const must = async (code) => {
    const r = await runner.run(code, options);
    if (!r.ok) throw new Error(`kernel-phases: cell failed: ${r.error.ename}: ${r.error.evalue}`);
  };
  await must("1 + 1");
  phase("onePlusOne");
  await must('import { ready } from "dlcourse";\nawait ready();');
  phase("firstImport");
  const cells = Number(process.env.PHASES_CELLS ?? 0);
  for (let i = 0; i < cells; i++) await must(process.env.PHASES_CELL ?? `const x${i} = ${i} + 1;\nx${i}`);
  if (cells) out.perCell = Math.round((cpu() - last) / cells);
  out.toOnePlusOne = out.node + out.tsx + out.typescript + out.kernelModules + out.typeChecker + out.onePlusOne;
  out.wallSeconds = Number(process.uptime().toFixed(2));
  out.fromSnapshot = require(path.join(ROOT, "kernel", "snapshot.ts")).snapshotStats.served;
  console.log(JSON.stringify(out));
  process.exit(0);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
