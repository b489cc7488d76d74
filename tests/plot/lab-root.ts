/** Browser-test helpers of the plot tests: a throwaway Jupyter root, and waiting for a live kernel. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { ROOT, type Lab } from "../helpers/lab";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Dom = any;

/**
 * A temporary folder holding `files`, with the repo's node_modules linked so the kernel finds
 * `dlcourse`; JupyterLab's autosave then never writes outputs into the repository.
 */
export function tempRoot(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dlcourse-plot-"));
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

/**
 * Opens a notebook in a workspace of its own, so JupyterLab does not restore notebooks another
 * page opened (which would make a different notebook the current one), then waits for its kernel.
 */
export async function openFresh(page: Page, lab: Lab, notebook: string, timeoutMs = 300_000): Promise<void> {
  const workspace = notebook.replace(/[^a-z0-9]/gi, "-");
  await page.goto(`${lab.url}/lab/workspaces/${workspace}/tree/${notebook}?reset&token=${lab.token}`);
  await page.waitForSelector(".jp-Notebook", { timeout: timeoutMs });
  await kernelReady(page, notebook, timeoutMs);
}

/**
 * Waits until `notebook` is the current widget and has a started, idle kernel. On a loaded machine the notebook can
 * open before the kernel list arrives, and JupyterLab then asks which kernel to start: accept its
 * preselected choice (the notebook's own kernelspec).
 */
export async function kernelReady(page: Page, notebook: string, timeoutMs = 300_000): Promise<void> {
  await page.waitForFunction((path) => {
    const g = globalThis as Dom;
    const accept = g.document.querySelector(".jp-Dialog .jp-mod-accept");
    if (accept && /Select Kernel/i.test(g.document.querySelector(".jp-Dialog")?.textContent ?? "")) accept.click();
    const current = g.jupyterapp?.shell?.currentWidget;
    return current?.context?.path === path && current?.sessionContext?.session?.kernel?.status === "idle";
  }, notebook, { timeout: timeoutMs, polling: 1000 });
}
