/**
 * The gallery in a real JupyterLab 4 with headless Debian chromium: every chart renders as an
 * interactive Plotly plot, the live training chart ends as one, and nothing leaves the machine.
 * A second notebook pins down the renderer behaviour the live chart is designed around.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { blockExternal, browserSkipReason, launchBrowser, openNotebook, ROOT, runAllCells, startLab } from "../helpers/lab";
import { tempRoot } from "./lab-root";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Dom = any;

const GALLERY = path.join(ROOT, "tests", "notebooks", "plot-gallery.ipynb");
const sources = (JSON.parse(fs.readFileSync(GALLERY, "utf8")).cells as Array<{ cell_type: string; source: string[] | string }>)
  .filter((c) => c.cell_type === "code").map((c) => (Array.isArray(c.source) ? c.source.join("") : c.source));
/** Charts the gallery shows: one per show() call, plus the live chart's done(). */
const FIGURES = sources.reduce((n, src) => n + (src.match(/\.show\(|\.done\(\)/g) ?? []).length, 0);

const cell = (source: string, i: number) => ({ cell_type: "code", id: `c${i}`, metadata: {}, outputs: [], execution_count: null, source });
const PROBE = JSON.stringify({
  nbformat: 4, nbformat_minor: 5,
  metadata: { kernelspec: { name: "dlcourse", display_name: "TypeScript (dlcourse)", language: "typescript" } },
  cells: [
    'import { plot, display } from "dlcourse";\nplot.line([1, 2, 3], { title: "FIRST" }).show({ id: "a" });',
    'await new Promise((r) => setTimeout(r, 1500));\nplot.line([3, 2, 1], { title: "SECOND" }).show({ id: "a", update: true });',
    'display({ "image/svg+xml": plot.line([1, 2], { title: "TRAINING" }).toSVG(), "text/plain": "training" }, { id: "b" });\nawait new Promise((r) => setTimeout(r, 1500));\nplot.line([2, 1], { title: "DONE" }).show({ id: "b", update: true });',
  ].map(cell),
});

async function plotTitles(page: Page): Promise<string[]> {
  return page.evaluate(() => [...(globalThis as Dom).document.querySelectorAll(".jp-RenderedPlotly .plot-container")]
    .map((el: Dom) => el.querySelector(".gtitle")?.textContent ?? ""));
}

async function run(context: BrowserContext, lab: Awaited<ReturnType<typeof startLab>>, notebook: string): Promise<Page> {
  const page = await context.newPage();
  // each notebook in a workspace of its own: the other page's notebook is not restored over it
  await openNotebook(page, lab, notebook, { workspace: notebook.replace(/[^a-z0-9]/gi, "-"), timeout: 300_000 });
  await runAllCells(page, 480_000);
  return page;
}

const skip = browserSkipReason();

test("JupyterLab: gallery charts are interactive Plotly plots, live charts swap in at the end, all offline", { skip: skip ?? false, timeout: 900_000 }, async (t) => {
  const root = tempRoot({ "plot-gallery.ipynb": fs.readFileSync(GALLERY, "utf8"), "probe.ipynb": PROBE });
  const lab = await startLab({ root, timeout: 240 });
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const offline = await blockExternal(context);
    const pageErrors: string[] = [];
    context.on("page", (p) => p.on("pageerror", (e) => pageErrors.push(e.message)));

    await t.test("the Plotly renderer keeps its first plot on update_display_data; a type change swaps it", async () => {
      const page = await run(context, lab, "probe.ipynb");
      await page.waitForFunction(() => (globalThis as Dom).document.querySelectorAll(".jp-RenderedPlotly .plot-container").length >= 2, null, { timeout: 60_000 });
      await page.waitForTimeout(1000);
      // If this ever shows SECOND, plotly learned to redraw and live charts could send Plotly JSON throughout.
      assert.deepEqual(await plotTitles(page), ["FIRST", "DONE"]);
      await page.close();
    });

    await t.test("every gallery chart renders as Plotly, none falls back to the SVG, no error output", async () => {
      const page = await run(context, lab, "plot-gallery.ipynb");
      const errors = await page.evaluate(() => (globalThis as Dom).document.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"], .jp-OutputArea-output[data-mime-type="application/vnd.jupyter.error"]').length);
      assert.equal(errors, 0, "no cell wrote an error");
      // Plotly draws once an output is laid out: bring each into view until all have drawn.
      const until = Date.now() + 180_000;
      while ((await plotTitles(page)).length < FIGURES && Date.now() < until) {
        await page.evaluate(async () => {
          for (const o of [...(globalThis as Dom).document.querySelectorAll(".jp-OutputArea-output")]) {
            o.scrollIntoView();
            await new Promise((r) => setTimeout(r, 250));
          }
        });
      }
      const prompts = await page.evaluate(() => [...(globalThis as Dom).document.querySelectorAll(".jp-CodeCell .jp-InputPrompt")].map((p: Dom) => p.textContent).join(" "));
      const titles = await plotTitles(page);
      assert.equal(titles.length, FIGURES, `titles: ${titles.join(" | ")}; prompts: ${prompts}`);
      assert.ok(titles.some((s) => /Обучение.*шаг 60\/60/.test(s)), `the live chart ends as a Plotly plot with its last progress line; titles: ${titles.join(" | ")}`);
      const svg = await page.evaluate(() => (globalThis as Dom).document.querySelectorAll('.jp-OutputArea-output[data-mime-type="image/svg+xml"]').length);
      assert.equal(svg, 0, "JupyterLab prefers the Plotly renderer over the SVG fallback");
      const animated = await page.evaluate(() => (globalThis as Dom).document.querySelectorAll(".jp-RenderedPlotly .slider-container, .jp-RenderedPlotly .updatemenu-container").length);
      assert.ok(animated >= 2, "the animation has its slider and play buttons");
      await page.close();
    });

    assert.deepEqual(offline.blocked, [], "no request left the machine");
    assert.deepEqual(pageErrors, []);
  } finally {
    await browser.close();
    await lab.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
});
