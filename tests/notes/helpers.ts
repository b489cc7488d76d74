/**
 * Helpers for the rendered-notes tests: run the builder, serve a folder on loopback, and check a
 * page in chromium with every non-local request blocked.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { ROOT, blockExternal } from "../helpers/lab";

// Functions passed to page.evaluate run in the browser; the shared tsconfig has no DOM types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Dom = any;

export const PYTHON = path.join(ROOT, ".venv", "bin", "python");
export const SAMPLE = path.join(ROOT, "tests", "fixtures", "notes", "executed");

/** Runs notes/build.py with `args`; returns exit status and combined output. */
export function build(args: string[]): { status: number | null; output: string } {
  const r = spawnSync(PYTHON, [path.join(ROOT, "notes", "build.py"), ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, DOTENV_CONFIG_QUIET: "true" } });
  return { status: r.status, output: `${r.stdout ?? ""}${r.stderr ?? ""}` };
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css",
  ".woff2": "font/woff2", ".woff": "font/woff", ".ttf": "font/ttf", ".svg": "image/svg+xml", ".png": "image/png",
};

/** A static file server for `root` on a free 127.0.0.1 port. */
export async function serve(root: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname).replace(/^\/+/, "") || "index.html";
    const file = path.resolve(root, rel);
    if (!file.startsWith(path.resolve(root)) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(() => r())) };
}

/** What went wrong while a page loaded: failed or blocked requests, HTTP errors, console errors. */
export interface PageProblems {
  failed: string[];
  console: string[];
}

/** Opens `url` in a fresh offline context, waits for the notes script to finish, and runs `check`. */
export async function visit<T>(browser: Browser, url: string, check: (page: Page) => Promise<T>, viewport = { width: 1200, height: 900 }): Promise<{ problems: PageProblems; result: T }> {
  const context = await browser.newContext({ viewport });
  const offline = await blockExternal(context);
  // tsx compiles the test files with esbuild's keepNames, which wraps inner functions of the
  // callbacks we pass to page.evaluate in __name(); give the page a no-op one.
  await context.addInitScript({ content: "globalThis.__name = (f) => f;" });
  const problems: PageProblems = { failed: [], console: [] };
  const page = await context.newPage();
  page.on("requestfailed", (r) => problems.failed.push(`${r.url()} (${r.failure()?.errorText})`));
  page.on("response", (r) => { if (r.status() >= 400) problems.failed.push(`${r.url()} (HTTP ${r.status()})`); });
  page.on("console", (m) => { if (m.type() === "error") problems.console.push(m.text()); });
  page.on("pageerror", (e) => problems.console.push(`uncaught: ${e.message}`));
  try {
    await page.goto(url, { waitUntil: "load" });
    await page.waitForFunction(() => (globalThis as Dom).document.body.dataset.notesReady, null, { timeout: 30_000 });
    await page.evaluate(() => (globalThis as Dom).document.fonts.ready);
    const result = await check(page);
    problems.failed.push(...offline.blocked.map((u) => `${u} (left the machine)`));
    return { problems, result };
  } finally {
    await context.close();
  }
}

/** Facts about a rendered page, measured in the browser. */
export interface PageFacts {
  ready: string;
  formulas: number;
  formulaErrors: string[];
  leftoverMath: string[];
  plotly: number;
  plotlyDrawn: number;
  /** Charts left as their static image because the browser has no WebGL for them. */
  plotlyStatic: number;
  images: number;
  imagesBroken: string[];
  text: string;
  outputText: string;
  links: { rel: string; href: string }[];
  sections: string[];
  highlighted: number;
  tableRows: number;
  katexFont: boolean;
  overflow: number;
}

/** Collects {@link PageFacts}: typeset formulas, drawn charts, loaded images, navigation. */
export function facts(page: Page): Promise<PageFacts> {
  return page.evaluate(() => {
    const d = (globalThis as Dom).document;
    const all = (sel: string): Dom[] => [...d.querySelectorAll(sel)];
    const leftover: string[] = [];
    for (const root of all(".jp-RenderedMarkdown, .jp-RenderedLatex, .notes-math")) {
      const walker = d.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (n.parentElement.closest(".katex")) continue;
        if (/\$|\\\(|\\\[|\\begin\{/.test(n.textContent)) leftover.push(n.textContent.trim().slice(0, 80));
      }
    }
    return {
      ready: d.body.dataset.notesReady,
      formulas: all(".katex").length,
      formulaErrors: all(".katex-error").map((e: Dom) => e.getAttribute("title") ?? e.textContent),
      leftoverMath: leftover,
      plotly: all(".notes-plotly").length,
      plotlyDrawn: all(".notes-plotly.notes-drawn").filter((f: Dom) => f.querySelector(".notes-plotly-live .main-svg") && f.querySelector(".notes-plotly-live .trace, .notes-plotly-live .gl-container canvas")).length,
      plotlyStatic: all(".notes-plotly.notes-static-only").length,
      images: all("img").length,
      imagesBroken: all("img").filter((i: Dom) => !i.complete || i.naturalWidth === 0).map((i: Dom) => i.src.slice(0, 60)),
      text: d.body.innerText,
      outputText: all(".jp-OutputArea").map((o: Dom) => o.innerText).join("\n"),
      links: all("nav.notes-pager-top a").map((a: Dom) => ({ rel: a.getAttribute("rel") ?? "home", href: a.getAttribute("href") })),
      sections: all(".notes-outline .notes-section h2 a").map((a: Dom) => a.getAttribute("href")),
      highlighted: all(".highlight span.kd, .highlight span.k, .highlight span.nx").length,
      tableRows: all(".jp-RenderedHTML table tbody tr").length,
      katexFont: [...d.fonts].some((f: Dom) => f.family.replace(/"/g, "") === "KaTeX_Main" && f.status === "loaded"),
      overflow: d.documentElement.scrollWidth - d.documentElement.clientWidth,
    };
  });
}
