// Notebook 03 in a real JupyterLab (Debian chromium, external requests blocked): after Run All the
// α/ρ widget of the ravine chart is drawn by JupyterLab's widget manager (jupyterlab_widgets from
// .venv); dragging the α slider re-runs the paths in the kernel and redraws the chart in place.
import { test } from "node:test";
import assert from "node:assert/strict";
import { blockExternal, browserSkipReason, launchBrowser, openNotebook, runAllCells, startLab } from "../helpers/lab";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Dom = any;
const skip = browserSkipReason();

/** The ravine widget's chart: title and the x of the Momentum path's last point, and how many charts it holds. */
const readChart = () => {
  const g = globalThis as Dom;
  const box = [...g.document.querySelectorAll(".jp-Notebook .widget-vbox")].find((b: Dom) => /α/.test(b.querySelector(".widget-label")?.textContent ?? ""));
  const plots = box ? [...box.querySelectorAll(".widget-output .js-plotly-plot")] : [];
  const gd = plots[0] as Dom;
  const momentum = gd?.data?.find((t: Dom) => t.name === "Momentum");
  const title = gd?.layout?.title;
  return { found: Boolean(box), charts: plots.length, title: (typeof title === "string" ? title : title?.text) ?? "", lastX: momentum ? momentum.x[momentum.x.length - 1] : null };
};

test("notebook 03: dragging the α slider redraws the ravine chart in place", { skip: skip ?? false, timeout: 900_000 }, async () => {
  const lab = await startLab();
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const offline = await blockExternal(context);
    const page = await context.newPage();
    await openNotebook(page, lab, "03-momentum-nesterov.ipynb");
    await runAllCells(page, 600_000);
    await page.waitForFunction(readChart, undefined, { timeout: 120_000, polling: 500 }).catch(() => undefined);
    const before = await page.evaluate(readChart);
    assert.ok(before.found, "the α/ρ widget is drawn");
    assert.equal(before.charts, 1);
    assert.match(before.title, /α = 0\.10, ρ = 0\.90/);

    const slider = page.locator(".jp-Notebook .widget-vbox .widget-slider", { hasText: "α" }).first();
    await slider.scrollIntoViewIfNeeded();
    const handle = slider.locator(".noUi-handle").first();
    const track = slider.locator(".noUi-target").first();
    const [h, t] = [await handle.boundingBox(), await track.boundingBox()];
    assert.ok(h && t, "the slider has a handle and a track");
    await page.mouse.move(h.x + h.width / 2, h.y + h.height / 2);
    await page.mouse.down();
    await page.mouse.move(t.x + 0.7 * t.width, h.y + h.height / 2, { steps: 8 });
    await page.mouse.up();
    // Intermediate values redraw too (debounced, last value wins): wait for the chart of the value
    // the slider shows after the drag, not for the first change.
    const readout = Number((await slider.locator(".widget-readout").first().textContent())?.trim());
    assert.ok(readout > 0.2, `α moved right with the drag (readout ${readout})`);
    await page.waitForFunction((want) => {
      const g = globalThis as Dom;
      const box = [...g.document.querySelectorAll(".jp-Notebook .widget-vbox")].find((b: Dom) => /α/.test(b.querySelector(".widget-label")?.textContent ?? ""));
      const gd = box?.querySelector(".widget-output .js-plotly-plot") as Dom;
      const title = gd?.layout?.title;
      const text = typeof title === "string" ? title : title?.text;
      return typeof text === "string" && text.includes(`α = ${want}`);
    }, readout.toFixed(2), { timeout: 120_000, polling: 250 });
    const after = await page.evaluate(readChart);
    assert.equal(after.charts, 1, "the chart is replaced, not appended");
    assert.notEqual(after.lastX, before.lastX, "the kernel recomputed the paths");
    assert.deepEqual(offline.blocked, [], "no request left the machine");
  } finally {
    await browser.close();
    await lab.stop();
  }
});
