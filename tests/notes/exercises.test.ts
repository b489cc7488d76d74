/**
 * The lecture notebooks' exercises and the glossary, as the notes site shows them: every lecture
 * ends with exercises, check cells are hidden from the site (remove-cell), and the site links the
 * glossary from the outline and from the first lecture.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { ROOT } from "../helpers/lab";
import { build } from "./helpers";

interface Cell { cell_type: string; id?: string; metadata: { tags?: string[] }; source: string | string[] }
const NOTEBOOKS = path.join(ROOT, "notebooks");
const LECTURES = fs.readdirSync(NOTEBOOKS).filter((f) => /^\d\d-.*\.ipynb$/.test(f)).sort();
const cells = (file: string): Cell[] => JSON.parse(fs.readFileSync(path.join(NOTEBOOKS, file), "utf8")).cells;
const text = (c: Cell) => (Array.isArray(c.source) ? c.source.join("") : c.source);

describe("lecture exercises", () => {
  it("every lecture notebook ends with an exercises section that has a self-check", () => {
    assert.ok(LECTURES.length >= 15, `found ${LECTURES.length} lecture notebooks`);
    for (const file of LECTURES) {
      const all = cells(file);
      const section = all.findIndex((c) => c.cell_type === "markdown" && text(c).includes("## Вопросы и упражнения"));
      assert.ok(section >= 0, `${file}: no "## Вопросы и упражнения" section`);
      assert.ok(all.slice(section + 1).every((c) => c.cell_type === "code"), `${file}: the exercises are the last section`);
      assert.ok(all.some((c) => text(c).includes("exercises.check(")), `${file}: no check cell`);
    }
  });

  it("check cells are tagged remove-cell, so the site shows the exercises but not the checks", () => {
    for (const file of LECTURES) {
      for (const c of cells(file).filter((x) => text(x).includes("exercises.check("))) {
        assert.ok(c.metadata.tags?.includes("remove-cell"), `${file} ${c.id}: a check cell without the remove-cell tag`);
      }
    }
  });
});

describe("notes site: glossary and hidden checks", () => {
  let dir = "";
  let r: ReturnType<typeof build>;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "notes-glossary-"));
    const src = path.join(dir, "notebooks");
    fs.mkdirSync(src);
    for (const f of ["glossary.ipynb", "00-getting-started.ipynb"]) fs.copyFileSync(path.join(NOTEBOOKS, f), path.join(src, f));
    r = build(["--src", src, "--out", path.join(dir, "site"), "--no-execute"]);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("the outline and the first lecture link the glossary page", () => {
    assert.equal(r.status, 0, r.output);
    const index = fs.readFileSync(path.join(dir, "site", "index.html"), "utf8");
    assert.match(index, /<a href="glossary\.html">[^<]*Глоссарий/);
    const first = fs.readFileSync(path.join(dir, "site", "00-getting-started.html"), "utf8");
    assert.ok(first.includes('href="glossary.html"'), "00 links the glossary");
    const glossary = fs.readFileSync(path.join(dir, "site", "glossary.html"), "utf8");
    for (const term of ["Доля правильных ответов (accuracy)", "Точность (precision)", "Полнота (recall)", "Перекрёстная энтропия", "Скорость обучения", "Кэш"]) {
      assert.ok(glossary.includes(term), `the glossary defines ${term}`);
    }
  });

  it("the page shows the exercise but not the check cell", () => {
    const first = fs.readFileSync(path.join(dir, "site", "00-getting-started.html"), "utf8");
    assert.ok(first.includes("Вопросы и упражнения") && first.includes("exercise2"), "the exercise and its answer cell are shown");
    assert.ok(!first.includes("exercises.check") && !first.includes("sha256"), "the check cell is not");
  });
});
