// A notebook with errors in a real JupyterLab (Debian chromium, external requests blocked):
// errors render as error outputs with the traceback, not as red stderr text; Run All runs on past a
// cell tagged `raises-exception` (JupyterLab sends stop_on_error: false for it) and stops at an
// untagged error, as with the Python kernel. tslab 1.0.22 aborted after every error.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { blockExternal, browserSkipReason, launchBrowser, openNotebook, runAllCells, startLab } from "../helpers/lab";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Dom = any;
const skip = browserSkipReason();

let ids = 0;
const cell = (source: string, tags: string[] = []) => ({ id: `cell-${ids++}`, cell_type: "code", source, metadata: tags.length ? { tags } : {}, outputs: [], execution_count: null });
const NOTEBOOK = {
  nbformat: 4,
  nbformat_minor: 5,
  metadata: { kernelspec: { name: "dlcourse", display_name: "TypeScript (dlcourse)", language: "typescript" } },
  cells: [
    cell("const base = 40;"),
    cell('function explode(): never {\n  throw new RangeError("expected failure");\n}\nexplode();', ["raises-exception"]),
    cell("base + 2"),
    cell('throw new Error("unexpected failure");'),
    cell('console.log("after the unexpected failure");'),
  ],
};

interface CellView {
  prompt: string;
  outputs: Array<{ output_type: string; ename?: string; evalue?: string; traceback?: string[]; data?: Record<string, unknown> }>;
  stderrText: string;
}

test("JupyterLab shows kernel errors as error outputs and Run All honours raises-exception", { skip: skip ?? false, timeout: 600_000 }, async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "dlcourse-lab-"));
  fs.writeFileSync(path.join(root, "errors.ipynb"), JSON.stringify(NOTEBOOK));
  const lab = await startLab({ root });
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const offline = await blockExternal(context);
    const page = await context.newPage();
    await openNotebook(page, lab, "errors.ipynb");
    await runAllCells(page);
    const cells: CellView[] = await page.evaluate(() => {
      const g = globalThis as Dom;
      const panel = g.jupyterapp.shell.currentWidget;
      const nodes = [...g.document.querySelectorAll(".jp-Notebook .jp-CodeCell")];
      return nodes.map((node: Dom, i: number) => ({
        prompt: node.querySelector(".jp-InputPrompt")?.textContent ?? "",
        outputs: panel.content.model.cells.get(i).toJSON().outputs,
        stderrText: [...node.querySelectorAll('.jp-OutputArea-child .jp-RenderedText[data-mime-type="application/vnd.jupyter.stderr"]')].map((n: Dom) => n.textContent).join("\n"),
      }));
    });
    const [, expected, result, unexpected, after] = cells;

    assert.deepEqual(expected.outputs.map((o) => [o.output_type, o.ename, o.evalue]), [["error", "RangeError", "expected failure"]]);
    assert.match(expected.stderrText, /RangeError: expected failure/, "the traceback is rendered");
    assert.match(expected.stderrText, /at explode \(Cell In\[2\], line 2, column 9\)/);
    assert.doesNotMatch(expected.stderrText, /tslab|node:internal|evalmachine/);

    assert.match(result.prompt, /\[3\]/, "the cell after a raises-exception error ran");
    assert.deepEqual(result.outputs.map((o) => [o.output_type, o.data?.["text/plain"]]), [["execute_result", "42"]]);

    assert.deepEqual(unexpected.outputs.map((o) => [o.output_type, o.ename]), [["error", "Error"]]);
    assert.match(unexpected.stderrText, /Error: unexpected failure/);
    assert.deepEqual(after.outputs, [], "Run All stops after an untagged error");
    assert.doesNotMatch(after.prompt, /\[\d+\]/);
    assert.deepEqual(offline.blocked, [], "no request left the machine");
  } finally {
    await browser.close();
    await lab.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
});
