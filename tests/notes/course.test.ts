/**
 * The whole course as `npm run notes` built it, checked like the sample: set DLCOURSE_NOTES_SITE
 * to the site folder (`npm run notes -- --check` does). Skipped otherwise, so `npm test` stays fast.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { browserSkipReason, launchBrowser } from "../helpers/lab";
import { facts, serve, visit } from "./helpers";

const skip = browserSkipReason() ?? false;
const built = process.env.DLCOURSE_NOTES_SITE;
describe("rendered notes: the built course", { skip: skip || (built ? false : "set DLCOURSE_NOTES_SITE to a built site") }, () => {
  const site = path.resolve(built ?? ".");
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serve>>;
  before(async () => {
    assert.ok(fs.existsSync(path.join(site, "index.html")), `${site} has no index.html; run \`npm run notes\` first`);
    browser = await launchBrowser();
    server = await serve(site);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it("every page loads offline: no failed request or console error, formulas typeset, charts drawn, images loaded", async () => {
    const index = fs.readFileSync(path.join(site, "index.html"), "utf8");
    const pages = ["index.html", ...[...index.matchAll(/<h2><a href="([^"]+)">/g)].map((m) => m[1])];
    const bad: string[] = [];
    for (const name of pages) {
      for (const [label, base] of [["file://", pathToFileURL(site + path.sep).href], ["server", server.url]]) {
        const { problems, result } = await visit(browser, new URL(name, base).href, facts);
        const issues = [
          ...problems.failed.map((f) => `failed request ${f}`),
          ...problems.console.map((c) => `console error ${c}`),
          ...(result.ready === "1" ? [] : [`notes.js ended with ${result.ready}`]),
          ...result.formulaErrors.map((e) => `formula error ${e}`),
          ...result.leftoverMath.map((t) => `untypeset math "${t}"`),
          ...(result.formulas > 0 && !result.katexFont ? ["KaTeX font not loaded"] : []),
          ...(result.plotlyDrawn + result.plotlyStatic === result.plotly ? [] : [`${result.plotly - result.plotlyDrawn - result.plotlyStatic} Plotly outputs not drawn`]),
          ...result.imagesBroken.map((i) => `broken image ${i}`),
        ];
        bad.push(...issues.map((i) => `${name} (${label}): ${i}`));
      }
    }
    assert.deepEqual(bad, []);
  });
});

