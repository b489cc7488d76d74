/**
 * Browser tests against a real JupyterLab: start the project's JupyterLab on loopback, drive
 * Debian's chromium through playwright-core, and block every request that would leave the machine.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";

// Functions passed to page.evaluate run in the browser; the lib's tsconfig has no DOM types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Dom = any;

export const ROOT = path.resolve(__dirname, "..", "..");
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** A running JupyterLab server. */
export interface Lab {
  url: string;
  token: string;
  root: string;
  /** Everything the server printed so far (for failure messages). */
  log(): string;
  stop(): Promise<void>;
}

/** Options for {@link startLab}. */
export interface StartLabOptions {
  /** Folder served as the Jupyter root. Default: the repo's notebooks/. */
  root?: string;
  /** Seconds to wait for the server. Default 90. */
  timeout?: number;
  /** Launch through `scripts/start.mjs` (what `npm start` runs after setup). Default false. */
  viaStartScript?: boolean;
}

/** Why browser tests cannot run here, or null if they can (CI requires them: DLCOURSE_REQUIRE_BROWSER=1). */
export function browserSkipReason(): string | null {
  if (fs.existsSync(CHROMIUM)) return null;
  const why = `no chromium at ${CHROMIUM} (Debian: apt-get install chromium)`;
  if (process.env.DLCOURSE_REQUIRE_BROWSER === "1") throw new Error(`browser tests required but ${why}`);
  return why;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

async function waitUp(url: string, child: ChildProcess, log: () => string, seconds: number): Promise<void> {
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    if (child.exitCode != null) throw new Error(`startLab: JupyterLab exited with ${child.exitCode}:\n${log()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`startLab: JupyterLab did not answer within ${seconds}s:\n${log()}`);
}

/** Starts the project's JupyterLab (from .venv) on a free loopback port. */
export async function startLab(options: StartLabOptions = {}): Promise<Lab> {
  const root = options.viaStartScript ? path.join(ROOT, "notebooks") : options.root ?? path.join(ROOT, "notebooks");
  const port = await freePort();
  const token = randomBytes(12).toString("hex");
  let output = "";
  // Each server gets its own workspace and settings folders: JupyterLab otherwise restores the
  // layout (and kernels) another test left in ~/.jupyter, and tests running at once collide.
  const state = fs.mkdtempSync(path.join(os.tmpdir(), "dlcourse-lab-"));
  // Tests run the repository's own notebooks: autosave would write their outputs into git's files.
  // And JupyterLab 4 detaches off-screen cells from the page; tests count every output, so no windowing.
  const settings: Array<[string, string, object]> = [
    ["docmanager-extension", "plugin", { autosave: false }],
    ["notebook-extension", "tracker", { windowingMode: "none" }],
  ];
  for (const [extension, plugin, value] of settings) {
    const dir = path.join(state, "settings", "@jupyterlab", extension);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `${plugin}.jupyterlab-settings`), JSON.stringify(value));
  }
  const common = ["--no-browser", `--ServerApp.port=${port}`, `--IdentityProvider.token=${token}`,
    "--LabApp.expose_app_in_browser=True", "--ServerApp.port_retries=0",
    `--LabApp.workspaces_dir=${path.join(state, "workspaces")}`, `--LabApp.user_settings_dir=${path.join(state, "settings")}`];
  const [cmd, args] = options.viaStartScript
    ? [process.execPath, [path.join(ROOT, "scripts", "start.mjs"), ...common]]
    : [path.join(ROOT, ".venv", "bin", "jupyter"), ["lab", `--ServerApp.root_dir=${root}`, "--ServerApp.ip=127.0.0.1", ...common,
        ...(process.getuid?.() === 0 ? ["--allow-root"] : [])]];
  const child = spawn(cmd, args, { cwd: root, env: { ...process.env, JUPYTER_PLATFORM_DIRS: "1" }, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  await waitUp(`${url}/api/status?token=${token}`, child, () => output, options.timeout ?? 90);
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode != null) return resolve();
      child.once("exit", () => {
        fs.rmSync(state, { recursive: true, force: true });
        resolve();
      });
      child.kill("SIGTERM");
      setTimeout(() => child.kill("SIGKILL"), 5000).unref();
    });
  return { url, token, root, log: () => output, stop };
}

/** Launches headless Debian chromium with the course's offline flags. */
export async function launchBrowser(): Promise<Browser> {
  const { chromium } = await import("playwright-core");
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
}

/** Requests the page tried to send off the machine (all were aborted). */
export interface Offline {
  blocked: string[];
}

/** Aborts every request that is not to 127.0.0.1/localhost, data: or blob:, and records it. */
export async function blockExternal(context: BrowserContext): Promise<Offline> {
  const state: Offline = { blocked: [] };
  await context.route("**/*", (route) => {
    const u = new URL(route.request().url());
    const local = ["127.0.0.1", "localhost", "[::1]"].includes(u.hostname) || ["data:", "blob:", "file:"].includes(u.protocol);
    if (local) return route.continue();
    state.blocked.push(u.href);
    return route.abort();
  });
  return state;
}

/** Options for {@link openNotebook}. */
export interface OpenNotebookOptions {
  /**
   * Open the notebook in a JupyterLab workspace of this name, reset first, so that notebooks
   * another page of the same server opened are not restored and made the current widget.
   * Default: the server's default workspace.
   */
  workspace?: string;
  /** Milliseconds to wait for the notebook and for its kernel each. Default 180000. */
  timeout?: number;
}

/**
 * Opens a notebook (path relative to the lab root) and waits until it is the current widget and
 * its kernel is connected and idle. The toolbar's indicator says "idle" before any kernel exists,
 * so ask the session itself. On a loaded machine the notebook can open before the kernel list
 * arrives and JupyterLab asks which kernel to start: its preselected choice is accepted, and the
 * kernel that starts must be the notebook's own kernelspec.
 *
 * @throws Error if the kernel that started is not the notebook's kernelspec
 */
export async function openNotebook(page: Page, lab: Lab, notebook: string, options: OpenNotebookOptions = {}): Promise<void> {
  const timeout = options.timeout ?? 180_000;
  const at = options.workspace ? `lab/workspaces/${encodeURIComponent(options.workspace)}/tree/${notebook}?reset&` : `lab/tree/${notebook}?`;
  await page.goto(`${lab.url}/${at}token=${lab.token}`);
  await page.waitForSelector(".jp-Notebook", { timeout });
  await page.waitForFunction(
    (path) => {
      const g = globalThis as Dom;
      const dialog = g.document.querySelector(".jp-Dialog");
      if (dialog && /Select Kernel/i.test(dialog.textContent ?? "")) dialog.querySelector(".jp-mod-accept")?.click();
      const current = g.jupyterapp?.shell?.currentWidget;
      const kernel = current?.sessionContext?.session?.kernel;
      return current?.context?.path === path && kernel?.connectionStatus === "connected" && kernel?.status === "idle";
    },
    notebook,
    { timeout, polling: 250 },
  );
  const { started, wanted } = await page.evaluate(() => {
    const current = (globalThis as Dom).jupyterapp.shell.currentWidget;
    return { started: current.sessionContext.session.kernel.name, wanted: current.context.model.getMetadata?.("kernelspec")?.name };
  });
  if (wanted != null && started !== wanted) throw new Error(`openNotebook: ${notebook} started kernel "${started}", expected its kernelspec "${wanted}"`);
}

/**
 * Runs every cell through JupyterLab's own command and waits until every code cell has an
 * execution count, or the kernel has stayed idle with nothing queued for two seconds (cells
 * after an error may legitimately stay unrun).
 */
export async function runAllCells(page: Page, timeoutMs = 300_000): Promise<void> {
  await page.evaluate(() => (globalThis as Dom).jupyterapp.commands.execute("notebook:run-all-cells"));
  const until = Date.now() + timeoutMs;
  let quiet = 0;
  while (Date.now() < until) {
    const state = await page.evaluate(() => {
      const document = (globalThis as Dom).document;
      const prompts = [...document.querySelectorAll(".jp-CodeCell .jp-InputPrompt")].map((p: Dom) => p.textContent ?? "");
      const idle = document.querySelector(".jp-Notebook-ExecutionIndicator")?.getAttribute("data-status") === "idle";
      return { done: prompts.every((p: string) => /\[\d+\]/.test(p)), queued: prompts.some((p: string) => p.includes("*")), idle };
    });
    if (state.done && state.idle) return;
    quiet = state.idle && !state.queued ? quiet + 1 : 0;
    if (quiet >= 4) return;
    await page.waitForTimeout(500);
  }
  throw new Error(`runAllCells: cells still running after ${timeoutMs / 1000}s`);
}
