// The notebook runner must fail loudly, naming the notebook and the cell, for every way a
// notebook can be wrong: a type error, a thrown error, a failed assertion, stderr noise.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..");
const PY = path.join(ROOT, ".venv", "bin", "python");

function notebook(dir: string, name: string, cells: string[]): string {
  const nb = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: "dlcourse", display_name: "TypeScript (dlcourse)", language: "typescript" } },
    cells: cells.map((source, i) => ({ cell_type: "code", id: `c${i}`, metadata: {}, source, outputs: [], execution_count: null })),
  };
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(nb));
  return file;
}

function runner(file: string) {
  const r = spawnSync(PY, [path.join(ROOT, "scripts", "run_notebooks.py"), "--timeout", "120", file], { encoding: "utf8" });
  return { status: r.status, out: r.stdout + r.stderr };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dlcourse-runner-"));

const cases: Array<[string, string, RegExp]> = [
  ["type-error.ipynb", 'const x: number = "text";', /Type 'string' is not assignable to type 'number'/],
  ["throws.ipynb", 'throw new RangeError("learning rate must be positive");', /learning rate must be positive/],
  ["assertion.ipynb", 'import assert from "node:assert/strict";\nassert.equal(0.1 + 0.2, 0.3, "float sums are exact");', /float sums are exact/],
  ["noise.ipynb", 'console.error("Warning: something deprecated");', /something deprecated/],
];

for (const [name, bad, message] of cases) {
  test(`runner fails ${name} naming the notebook and the cell`, () => {
    const file = notebook(dir, name, ["const ok = 1;", bad, "const after = 2;"]);
    const { status, out } = runner(file);
    assert.equal(status, 1, out);
    assert.match(out, new RegExp(`FAIL .*${name.replace(".", "\\.")}`));
    assert.match(out, /cell 2 \(code cell 2/);
    assert.match(out, message);
    assert.match(out, /^notebooks: 0 passed, 1 failed$/m);
  });
}

test("runner passes a clean notebook and writes the executed copy", () => {
  const file = notebook(dir, "clean.ipynb", ["const a = 40;", "console.log(a + 2);"]);
  const out = path.join(dir, "out");
  const r = spawnSync(PY, [path.join(ROOT, "scripts", "run_notebooks.py"), "--out", out, file], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /^notebooks: 1 passed, 0 failed$/m);
  const executed = JSON.parse(fs.readFileSync(path.join(out, "clean.ipynb"), "utf8"));
  const text = executed.cells[1].outputs[0].text; // nbformat stores multi-line strings as arrays
  assert.equal(Array.isArray(text) ? text.join("") : text, "42\n");
});

test("runner refuses a notebook that is not for the course kernel", () => {
  const file = notebook(dir, "python.ipynb", ["1"]);
  const nb = JSON.parse(fs.readFileSync(file, "utf8"));
  nb.metadata.kernelspec = { name: "python3", display_name: "Python 3", language: "python" };
  fs.writeFileSync(file, JSON.stringify(nb));
  const { status, out } = runner(file);
  assert.equal(status, 1);
  assert.match(out, /kernelspec is not 'dlcourse'/);
});
