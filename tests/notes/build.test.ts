/**
 * notes/build.py without a browser: the outline convention (order, titles, goals, exclusions),
 * the guard on --out, and execution with its cache (this part starts the course kernel).
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { SAMPLE, build } from "./helpers";

const KERNELSPEC = { name: "dlcourse", display_name: "TypeScript (dlcourse)", language: "typescript" };

/** Writes a minimal nbformat 4.4 notebook; `cells` are [type, source, tags?]. */
function notebook(file: string, cells: [string, string, string[]?][], dlcourse?: object): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const nb = {
    cells: cells.map(([type, source, tags]) => type === "code"
      ? { cell_type: "code", metadata: tags ? { tags } : {}, source, execution_count: null, outputs: [] }
      : { cell_type: "markdown", metadata: tags ? { tags } : {}, source }),
    metadata: { kernelspec: KERNELSPEC, ...(dlcourse ? { dlcourse } : {}) },
    nbformat: 4,
    nbformat_minor: 4,
  };
  fs.writeFileSync(file, JSON.stringify(nb, null, 1));
}

const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
const hrefs = (html: string) => [...html.matchAll(/<h2><a href="([^"]+)">/g)].map((m) => m[1]);

describe("notes build: outline convention", () => {
  let dir = "";
  let r: ReturnType<typeof build>;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "notes-outline-"));
    const src = path.join(dir, "notebooks");
    fs.cpSync(SAMPLE, src, { recursive: true });
    notebook(path.join(src, "intro", "welcome.ipynb"), [["markdown", "# Добро пожаловать\n\n**Цель занятия**\n\nВ результате вы:\n\n1. запустите первую тетрадь;\n2. увидите *формулу* $a^2$."],
      ["markdown", "![точка](figures/dot.png) [дальше](../gradient-descent.ipynb#итог), [нет](missing.ipynb), ![нет](nothere.png)"]], { order: 5 });
    fs.mkdirSync(path.join(src, "intro", "figures"));
    fs.writeFileSync(path.join(src, "intro", "figures", "dot.png"), Buffer.from(PNG, "base64"));
    notebook(path.join(src, "homework", "hw1.ipynb"), [["markdown", "# Домашнее задание\n\n## Цели\n- решить"]], { order: 1 });
    notebook(path.join(src, "draft.ipynb"), [["markdown", "# Черновик"]], { order: 2, notes: false });
    notebook(path.join(src, "untitled.ipynb"), [["code", "1"], ["markdown", "служебная заметка", ["remove-cell"]], ["code", "const hidden = 1;", ["remove-input"]]]);
    r = build(["--src", src, "--out", path.join(dir, "site"), "--no-execute"]);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("orders sections by dlcourse.order, then unordered ones by path; leaves out homework and notes:false", () => {
    assert.equal(r.status, 0, r.output);
    const index = fs.readFileSync(path.join(dir, "site", "index.html"), "utf8");
    assert.deepEqual(hrefs(index), ["intro--welcome.html", "gradient-descent.html", "regularization.html", "untitled.html"]);
    for (const page of hrefs(index)) assert.ok(fs.existsSync(path.join(dir, "site", page)), page);
    assert.equal(fs.statSync(path.join(dir, "site")).mode & 0o777, 0o755, "a web server's user can read the site");
    assert.ok(!fs.existsSync(path.join(dir, "site", "homework--hw1.html")) && !fs.existsSync(path.join(dir, "site", "draft.html")));
  });

  it("takes titles and goals from metadata, else from the first Markdown cell, and says what is missing", () => {
    const index = fs.readFileSync(path.join(dir, "site", "index.html"), "utf8");
    assert.match(index, />1\. Добро пожаловать</);
    assert.match(index, /<li>запустите первую тетрадь<\/li>/);
    assert.match(index, /<li>увидите <em>формулу<\/em> \$a\^2\$<\/li>/);
    assert.match(index, />2\. Градиентный спуск: образец</, "title from metadata");
    assert.match(index, />4\. untitled</, "file name when there is no title");
    assert.match(r.output, /untitled\.ipynb: no title/);
    assert.match(r.output, /untitled\.ipynb: no goals/);
    assert.match(r.output, /regularization\.ipynb: no order/);
    assert.doesNotMatch(r.output, /note intro\/welcome\.ipynb/);
  });

  it("embeds the notebook's local images, points notebook links at pages, and reports what it cannot", () => {
    assert.equal(r.status, 0, r.output);
    const page = fs.readFileSync(path.join(dir, "site", "intro--welcome.html"), "utf8");
    assert.ok(page.includes(`src="data:image/png;base64,${PNG}"`), "image embedded");
    assert.ok(page.includes(`href="gradient-descent.html#${encodeURIComponent("итог")}"`), "link to the page");
    assert.match(r.output, /warn intro\/welcome\.ipynb: image not found: nothere\.png/);
    assert.match(r.output, /warn intro\/welcome\.ipynb: link to missing\.ipynb, which is not a page of the notes/);
  });

  it("drops cells tagged remove-cell and the code of cells tagged remove-input", () => {
    const page = fs.readFileSync(path.join(dir, "site", "untitled.html"), "utf8");
    assert.doesNotMatch(page, /служебная заметка/);
    assert.doesNotMatch(page, /hidden/);
    assert.match(page, /<span class="mf">1<\/span>/, "the untagged cell stays");
  });

  it("refuses to replace a folder that is not a notes site", () => {
    const out = path.join(dir, "precious");
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, "keep.txt"), "mine");
    const r = build(["--src", path.join(dir, "notebooks"), "--out", out, "--no-execute"]);
    assert.notEqual(r.status, 0);
    assert.match(r.output, /is not a notes site/);
    assert.equal(fs.readFileSync(path.join(out, "keep.txt"), "utf8"), "mine");
  });
});

describe("notes build: execution and cache", () => {
  let dir = "";
  const src = () => path.join(dir, "notebooks");
  // The cache key covers lib/ etc. under --deps-root: a private copy here, so engineers editing
  // the real lib meanwhile cannot change the key between two runs of this test.
  const args = () => ["--src", src(), "--out", path.join(dir, "site"), "--cache", path.join(dir, "cache"), "--timeout", "120", "--deps-root", path.join(dir, "deps")];
  const page = () => fs.readFileSync(path.join(dir, "site", "one.html"), "utf8");
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "notes-exec-"));
    notebook(path.join(src(), "one.ipynb"), [["markdown", "# Один\n\n## Цели\n- посчитать $6 \\cdot 7$"], ["code", "console.log(6 * 7);"]], { order: 1 });
    fs.mkdirSync(path.join(dir, "deps", "lib"), { recursive: true });
    fs.writeFileSync(path.join(dir, "deps", "lib", "index.ts"), "export const version = 1;\n");
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("executes a new notebook and renders its outputs", () => {
    const r = build(args());
    assert.equal(r.status, 0, r.output);
    assert.match(r.output, /^ran\s+one\.ipynb \(\d+s\)$/m);
    assert.match(page(), /<pre>42\n<\/pre>/);
  });

  it("reuses the result while the notebook and the lib are unchanged", () => {
    const r = build(args());
    assert.equal(r.status, 0, r.output);
    assert.match(r.output, /^same one\.ipynb$/m);
    assert.match(page(), /<pre>42\n<\/pre>/);
  });

  it("runs it again when the lib changes", () => {
    fs.writeFileSync(path.join(dir, "deps", "lib", "index.ts"), "export const version = 2;\n");
    const r = build(args());
    assert.equal(r.status, 0, r.output);
    assert.match(r.output, /^ran\s+one\.ipynb \(\d+s\)$/m);
  });

  it("runs it again after an edit, keeping one cached copy", () => {
    notebook(path.join(src(), "one.ipynb"), [["markdown", "# Один"], ["code", "console.log(6 * 8);"]], { order: 1 });
    const r = build(args());
    assert.equal(r.status, 0, r.output);
    assert.match(r.output, /^ran\s+one\.ipynb \(\d+s\)$/m);
    assert.match(page(), /<pre>48\n<\/pre>/);
    assert.equal(fs.readdirSync(path.join(dir, "cache")).filter((f) => f.startsWith("one.")).length, 1);
  });

  it("drops the cached copy of a notebook that was removed", () => {
    notebook(path.join(src(), "gone.ipynb"), [["markdown", "# Временный"], ["code", "console.log(1);"]], { order: 3 });
    assert.equal(build(args()).status, 0);
    assert.equal(fs.readdirSync(path.join(dir, "cache")).filter((f) => f.startsWith("gone.")).length, 1);
    fs.rmSync(path.join(src(), "gone.ipynb"));
    const r = build(args());
    assert.equal(r.status, 0, r.output);
    assert.deepEqual(fs.readdirSync(path.join(dir, "cache")).filter((f) => f.endsWith(".ipynb")), fs.readdirSync(path.join(dir, "cache")).filter((f) => f.startsWith("one.")));
    assert.ok(!fs.existsSync(path.join(dir, "site", "gone.html")));
  });

  it("fails naming the notebook and cell, and leaves the previous site as it was", () => {
    notebook(path.join(src(), "two.ipynb"), [["markdown", "# Два"], ["code", 'throw new Error("boom in two");']], { order: 2 });
    const r = build(args());
    assert.equal(r.status, 1, r.output);
    assert.match(r.output, /FAIL two\.ipynb \(\d+s\): cell 2 \(code cell 1.*boom in two/s);
    assert.match(r.output, /previous site is unchanged/);
    assert.match(page(), /<pre>48\n<\/pre>/);
    assert.ok(!fs.existsSync(path.join(dir, "site", "two.html")));
  });
});
