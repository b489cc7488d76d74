// What a student does: `npm start`, open the getting-started notebook, Run All. Checked in a real
// browser (Debian chromium), with every request that would leave the machine blocked.
import { test } from "node:test";
import fs from "node:fs";
import path from "node:path";
import assert from "node:assert/strict";
import { blockExternal, browserSkipReason, launchBrowser, openNotebook, runAllCells, startLab } from "../helpers/lab";

const skip = browserSkipReason();

test("npm start serves JupyterLab where the course kernel runs 00-getting-started", { skip: skip ?? false, timeout: 600_000 }, async () => {
  const file = path.join(__dirname, "..", "..", "notebooks", "00-getting-started.ipynb");
  const before = fs.readFileSync(file, "utf8");
  const lab = await startLab({ viaStartScript: true });
  const browser = await launchBrowser();
  let page: import("playwright-core").Page | null = null;
  try {
    assert.match(lab.url, /^http:\/\/127\.0\.0\.1:/, "serves on loopback");
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const offline = await blockExternal(context);
    page = await context.newPage();
    await openNotebook(page, lab, "00-getting-started.ipynb");
    await runAllCells(page);
    const kernelName = await page.locator(".jp-KernelName, .jp-Toolbar-kernelName").first().textContent();
    assert.match(kernelName ?? "", /TypeScript \(dlcourse\)/);
    const text = (await page.locator(".jp-OutputArea-output").allTextContents()).join("\n");
    assert.match(text, /Бэкенд: (tensorflow|wasm|cpu)/);
    assert.match(text, /w = 2\.0\d+, b = -(0\.9|1\.0)\d+/);
    const errors = await page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]').count();
    assert.equal(errors, 0, `error or stderr outputs in the notebook:\n${text}`);
    const unrun = await page.locator(".jp-CodeCell .jp-InputPrompt").evaluateAll((ps) => ps.filter((p) => !/\[\d+\]/.test(p.textContent ?? "")).length);
    assert.equal(unrun, 0, "every code cell ran");
    // Plotly draws an output once it is laid out on screen: bring the chart into view first.
    const chart = page.locator(".jp-RenderedPlotly").first();
    await chart.scrollIntoViewIfNeeded();
    await page.locator(".jp-RenderedPlotly .plot-container .main-svg").first().waitFor({ timeout: 60_000 });
    const svgFallbacks = await page.locator('.jp-OutputArea-output[data-mime-type="image/svg+xml"]').count();
    assert.equal(svgFallbacks, 0, "JupyterLab shows the interactive Plotly chart, not its static fallback");
    const rows = await page.locator(".jp-OutputArea-output table tbody tr").count();
    assert.ok(rows >= 8, `the SST-2 table is rendered as HTML (${rows} rows)`);
    assert.deepEqual(offline.blocked, [], "no request left the machine");
    assert.equal(fs.readFileSync(file, "utf8"), before, "the committed notebook was not saved with outputs");
  } catch (e) {
    // Leave a picture and the server log for whoever reads the CI output.
    const shot = path.join(__dirname, "..", "..", ".cache", "jupyterlab-failure.png");
    fs.mkdirSync(path.dirname(shot), { recursive: true });
    await page?.screenshot({ path: shot }).catch(() => undefined);
    throw new Error(`${(e as Error).message}\n(screenshot: ${shot})\nJupyterLab log:\n${lab.log().slice(-4000)}`);
  } finally {
    await browser.close();
    await lab.stop();
  }
});
