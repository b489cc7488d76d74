/**
 * The kernel checks cells against the lib's declaration files (scripts/lib-types.cjs) while they
 * match the sources: cells still type-check, run, and report type errors on the cell's own lines.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { session } from "./kernel";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const libTypes = require("../../scripts/lib-types.cjs") as {
  OUT: string;
  freshIndex(): string | null;
  buildLibTypes(): boolean;
  kernelCompilerOptions(): { paths?: Record<string, string[]> };
};

test("setup's declarations match the lib and the kernel resolves dlcourse to them", () => {
  assert.ok(libTypes.buildLibTypes(), "tsc builds the declarations of lib/");
  const index = libTypes.freshIndex();
  assert.equal(index, path.join(libTypes.OUT, "index.d.ts"));
  assert.ok(fs.existsSync(index!));
  assert.deepEqual(libTypes.kernelCompilerOptions().paths?.dlcourse, [index]);
});

test("DLCOURSE_KERNEL_LIB_SOURCES=1 checks against the sources", () => {
  const was = process.env.DLCOURSE_KERNEL_LIB_SOURCES;
  process.env.DLCOURSE_KERNEL_LIB_SOURCES = "1";
  try {
    assert.deepEqual(libTypes.kernelCompilerOptions(), {});
  } finally {
    if (was === undefined) delete process.env.DLCOURSE_KERNEL_LIB_SOURCES;
    else process.env.DLCOURSE_KERNEL_LIB_SOURCES = was;
  }
});

test("cells importing dlcourse run, and type errors against its types keep the cell's lines", async () => {
  libTypes.buildLibTypes();
  const s = session();
  try {
    assert.equal(await s.value('import { ready, tf, optim } from "dlcourse";\nawait ready({ backend: "cpu" });\ntf.tensor([1, 2]).sum().dataSync()[0]'), 3);
    const e = await s.error('const ok = 1;\nconst lr: string = new optim.SGD({ lr: 0.1 });');
    assert.equal(e.ename, "TSError");
    assert.match(e.evalue, /SGD/);
    assert.match(e.traceback, new RegExp(`Cell In\\[${e.n}\\], line 2, column 7`));
    const bad = await s.error('await ready({ backend: "gpu" });');
    assert.equal(bad.ename, "TSError");
    assert.match(bad.evalue, /"gpu"/);
  } finally {
    s.close();
  }
});
