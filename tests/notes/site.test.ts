/**
 * The rendered lecture notes in a real browser: the sample course (tests/fixtures/notes/executed)
 * is built with notes/build.py, then the index and every page are loaded from file:// and from a
 * loopback server with every non-local request blocked.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { browserSkipReason, launchBrowser } from "../helpers/lab";
import { SAMPLE, build, facts, serve, visit } from "./helpers";

const skip = browserSkipReason() ?? false;
const PAGES = ["index.html", "gradient-descent.html", "regularization.html"];
// Formulas in the sample: index goals 2; gradient-descent 5 in the first cell + 1 at the end;
// regularization 1 in its goals + 1 in its theory.
const FORMULAS: Record<string, number> = { "index.html": 2, "gradient-descent.html": 6, "regularization.html": 2 };

describe("rendered notes: the sample course in chromium", { skip }, () => {
  let dir = "";
  let site = "";
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serve>>;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "notes-site-"));
    site = path.join(dir, "site");
    const r = build(["--src", SAMPLE, "--out", site, "--no-execute"]);
    assert.equal(r.status, 0, r.output);
    browser = await launchBrowser();
    server = await serve(site);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const bases = () => [["file://", pathToFileURL(site + path.sep).href], ["static server", server.url]];

  for (const name of PAGES) {
    it(`${name}: loads offline with no failed request or console error, formulas typeset, charts drawn, images loaded`, async () => {
      for (const [label, base] of bases()) {
        const { problems, result } = await visit(browser, new URL(name, base).href, facts);
        const where = `${name} via ${label}`;
        assert.deepEqual(problems.failed, [], `${where}: failed requests`);
        assert.deepEqual(problems.console, [], `${where}: console errors`);
        assert.equal(result.ready, "1", `${where}: notes.js did not finish`);
        assert.equal(result.formulas, FORMULAS[name], `${where}: typeset formulas`);
        assert.deepEqual(result.formulaErrors, [], `${where}: KaTeX errors`);
        assert.deepEqual(result.leftoverMath, [], `${where}: untypeset math`);
        assert.ok(result.katexFont, `${where}: KaTeX font not loaded`);
        assert.equal(result.plotlyDrawn, result.plotly, `${where}: Plotly outputs drawn`);
        assert.deepEqual(result.imagesBroken, [], `${where}: images that did not load`);
      }
    });
  }

  it("the index lists the sections in teaching order with their goals", async () => {
    const { result } = await visit(browser, new URL("index.html", server.url).href, facts);
    assert.deepEqual(result.sections, ["gradient-descent.html", "regularization.html"]);
    assert.match(result.text, /1\. Градиентный спуск: образец/);
    assert.match(result.text, /сравнить шаги обучения на графике/);
    assert.match(result.text, /2\. Второй раздел/);
    assert.match(result.text, /увидеть картинку/);
  });

  it("pages link to their neighbours and the index", async () => {
    const first = await visit(browser, new URL("gradient-descent.html", server.url).href, facts);
    assert.deepEqual(first.result.links, [{ rel: "home", href: "index.html" }, { rel: "next", href: "regularization.html" }]);
    const second = await visit(browser, new URL("regularization.html", server.url).href, facts);
    assert.deepEqual(second.result.links, [{ rel: "prev", href: "gradient-descent.html" }, { rel: "home", href: "index.html" }]);
  });

  it("lists a page's sections, each link landing on its heading", async () => {
    const { result } = await visit(browser, new URL("regularization.html", server.url).href, (page) => page.evaluate(() => {
      const d = (globalThis as any).document;
      return [...d.querySelectorAll(".notes-toc a")].map((a: any) => {
        const target = d.getElementById(decodeURIComponent(a.getAttribute("href").slice(1))) ?? d.getElementById(a.getAttribute("href").slice(1));
        return `${a.textContent} -> ${target?.tagName ?? "nothing"}:${target?.textContent.replace("¶", "") ?? ""}`;
      });
    }));
    assert.deepEqual(result, ["Цели -> H2:Цели", "Теория -> H2:Теория"]);
    const single = await visit(browser, new URL("gradient-descent.html", server.url).href, (page) => page.locator(".notes-toc").count());
    assert.equal(single.result, 0, "no list for a page without sections");
  });

  it("shows code highlighted, stdout, tables and charts, and hides stderr", async () => {
    const { result } = await visit(browser, new URL("gradient-descent.html", server.url).href, facts);
    assert.ok(result.highlighted > 5, `highlighted tokens: ${result.highlighted}`);
    assert.match(result.outputText, /eta = 0\.1/);
    assert.doesNotMatch(result.outputText, /a warning the reader must not see/);
    assert.equal(result.tableRows, 2);
    assert.equal(result.plotly, 1);
    assert.equal(result.images, 1, "the chart's static fallback is in the page");
    const frames = await visit(browser, new URL("gradient-descent.html", server.url).href, (page) =>
      page.evaluate(() => (globalThis as any).document.querySelector(".notes-plotly-live")._transitionData._frames.length as number));
    assert.equal(frames.result, 1, "animation frames reach plotly.js");
  });

  it("fits a phone screen: no sideways scrolling, the chart follows the column", async () => {
    const phone = { width: 375, height: 740 };
    for (const name of PAGES) {
      const { result } = await visit(browser, new URL(name, server.url).href, facts, phone);
      assert.ok(result.overflow <= 0, `${name} is ${result.overflow}px wider than the phone`);
    }
    const { result } = await visit(browser, new URL("gradient-descent.html", server.url).href, (page) =>
      page.evaluate(() => (globalThis as any).document.querySelector(".notes-plotly-live .main-svg").getBoundingClientRect().width as number), phone);
    assert.ok(result <= 375, `chart is ${result}px wide on a 375px screen`);
  });

  it("the checks catch a formula KaTeX cannot parse and a request that would leave the machine", async () => {
    const src = path.join(dir, "broken");
    fs.mkdirSync(src);
    const nb = { cells: [{ cell_type: "markdown", metadata: {}, source: "# Сломано\n\nДробь $\\fracc{1}{2}$ и ![web](https://example.com/x.png)" }],
      metadata: { kernelspec: { name: "dlcourse", display_name: "TypeScript (dlcourse)", language: "typescript" } }, nbformat: 4, nbformat_minor: 4 };
    fs.writeFileSync(path.join(src, "broken.ipynb"), JSON.stringify(nb));
    const out = path.join(dir, "broken-site");
    const r = build(["--src", src, "--out", out, "--no-execute"]);
    assert.equal(r.status, 0, r.output);
    assert.match(r.output, /image from the web, not available offline: https:\/\/example\.com\/x\.png/);
    const { problems, result } = await visit(browser, pathToFileURL(path.join(out, "broken.html")).href, facts);
    assert.ok(problems.console.some((c) => c.includes("\\fracc")), `console: ${problems.console.join(" | ")}`);
    assert.ok(result.leftoverMath.some((t) => t.includes("\\fracc")), `leftover: ${result.leftoverMath.join(" | ")}`);
    assert.ok(problems.failed.some((f) => f.startsWith("https://example.com/x.png")), `failed: ${problems.failed.join(" | ")}`);
    assert.deepEqual(result.imagesBroken.length, 1);
  });

  it("prints the static image instead of the live chart, without navigation", async () => {
    const { result } = await visit(browser, new URL("gradient-descent.html", server.url).href, async (page) => {
      await page.emulateMedia({ media: "print" });
      return page.evaluate(() => {
        const d = (globalThis as any).document;
        const shown = (sel: string) => [...d.querySelectorAll(sel)].map((e: any) => e.getBoundingClientRect().height > 0);
        return { live: shown(".notes-plotly-live"), still: shown(".notes-plotly-static"), pager: shown(".notes-pager") };
      });
    });
    assert.deepEqual(result, { live: [false], still: [true], pager: [false, false] });
  });
});

