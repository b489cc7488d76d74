/**
 * kernel/lean-builder.ts: tslab's watch program without TypeScript's builder state. What tslab
 * needs of a builder must still hold: names of earlier cells are in scope (the checker binds
 * before tslab links the cell to their declarations), a cell's local modules and the modules they
 * import are compiled and run, and type errors in them are reported.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { session } from "./kernel";

const ROOT = path.resolve(__dirname, "..", "..");

test("earlier cells' names, and local modules imported by local modules, as with TypeScript's builder", async () => {
  const dir = path.join(ROOT, ".cache", `lean-builder-${process.pid}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "inner.ts"), "export const base: number = 7;\n");
  fs.writeFileSync(path.join(dir, "outer.ts"), 'import { base } from "./inner";\nexport const twice = (k: number): number => 2 * base * k;\n');
  fs.writeFileSync(path.join(dir, "broken.ts"), 'export const s: string = 1;\n');
  fs.writeFileSync(path.join(dir, "via.ts"), 'export { s } from "./broken";\n');
  const rel = path.relative(process.cwd(), dir).split(path.sep).join("/");
  const s = session();
  try {
    await s.value("const f = (x: number) => ({ y: x + 1 });\ntype P = { lr: number };");
    assert.equal(await s.value("const { y: z } = f(2);\nconst p: P = { lr: z };\np.lr"), 3, "names and types of an earlier cell");
    assert.equal(await s.value(`import { twice } from "./${rel}/outer";\ntwice(3)`), 42, "a module a local module imports ran");
    const e = await s.error(`import { s as t } from "./${rel}/via";\nt`);
    assert.equal(e.ename, "TSError", "a type error in a module a local module imports is reported");
    assert.match(e.evalue, /not assignable to type 'string'/);
    const u = await s.error("const q: string = z;");
    assert.equal(u.ename, "TSError", "and in the cell, against an earlier cell's type");
  } finally {
    s.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
