/** Browser-test helpers of the plot tests: a throwaway Jupyter root, and waiting for a live kernel. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { ROOT } from "../helpers/lab";

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
 * Waits until the open notebook has a started, idle kernel. On a loaded machine the notebook can
 * open before the kernel list arrives, and JupyterLab then asks which kernel to start: accept its
 * preselected choice (the notebook's own kernelspec).
 */
export async function kernelReady(page: Page, timeoutMs = 300_000): Promise<void> {
  await page.waitForFunction(() => {
    const g = globalThis as Dom;
    const accept = g.document.querySelector(".jp-Dialog .jp-mod-accept");
    if (accept && /Select Kernel/i.test(g.document.querySelector(".jp-Dialog")?.textContent ?? "")) accept.click();
    return g.jupyterapp?.shell?.currentWidget?.sessionContext?.session?.kernel?.status === "idle";
  }, null, { timeout: timeoutMs, polling: 1000 });
}
