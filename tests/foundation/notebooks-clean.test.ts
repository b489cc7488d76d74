// Notebooks are committed without outputs so diffs stay reviewable; executed copies and the
// rendered notes hold the outputs. Every notebook is also for the course kernel.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..");

function notebooks(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === ".ipynb_checkpoints" ? [] : notebooks(p);
    return e.name.endsWith(".ipynb") && !e.name.endsWith(".executed.ipynb") ? [p] : [];
  });
}

const all = notebooks(path.join(ROOT, "notebooks"));

test("there are notebooks to check", () => {
  assert.ok(all.length > 0, "no notebooks under notebooks/");
});

for (const file of all) {
  const rel = path.relative(ROOT, file);
  test(`${rel} has no outputs and uses the course kernel`, () => {
    const nb = JSON.parse(fs.readFileSync(file, "utf8"));
    const dirty = nb.cells
      .map((c: { cell_type: string; outputs?: unknown[]; execution_count?: number | null }, i: number) => ({ c, i }))
      .filter(({ c }: { c: { cell_type: string; outputs?: unknown[]; execution_count?: number | null } }) => c.cell_type === "code" && ((c.outputs?.length ?? 0) > 0 || c.execution_count != null))
      .map(({ i }: { i: number }) => i + 1);
    assert.deepEqual(dirty, [], `${rel}: cells ${dirty.join(", ")} have outputs; clear them (Edit > Clear Outputs of All Cells) before committing`);
    assert.equal(nb.metadata?.kernelspec?.name, "dlcourse", `${rel}: kernelspec must be "dlcourse"`);
  });
}
