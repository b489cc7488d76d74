/**
 * kernel/execute.ts replays the last conversion when the same cell comes again unchanged (tslab
 * would rebuild its program for the start-up snapshot's files): the replay must stop as soon as a
 * file the cell imports changes.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { session } from "./kernel";

const ROOT = path.resolve(__dirname, "..", "..");

test("a repeated cell gives the same result, and sees a change of a local module it imports", async () => {
  const dir = path.join(ROOT, ".cache", `convert-memo-${process.pid}`);
  fs.mkdirSync(dir, { recursive: true });
  const mod = path.join(dir, "mod.ts");
  fs.writeFileSync(mod, "export const v: number = 1;\n");
  const s = session();
  try {
    const cell = `import { v } from "./${path.relative(process.cwd(), dir).split(path.sep).join("/")}/mod";\nv * 10`;
    assert.equal(await s.value("1 + 1"), 2);
    assert.equal(await s.value("1 + 1"), 2);
    assert.equal(await s.value(cell), 10);
    assert.equal(await s.value(cell), 10, "the same cell again");
    fs.writeFileSync(mod, "export const v: number = 2;\n");
    let seen: unknown = 10;
    // the change reaches the kernel through a file watcher, asynchronously
    for (let i = 0; i < 50 && seen !== 20; i++) {
      await new Promise((r) => setTimeout(r, 200));
      seen = await s.value(cell);
    }
    assert.equal(seen, 20, "the cell sees the module's new value");
    const e = await s.error(cell.replace("v * 10", "v.toUpperCase()"));
    assert.equal(e.ename, "TSError", "and is still type-checked against it");
  } finally {
    s.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
