/**
 * The gallery executed headless (nbclient, as CI runs notebooks) keeps a static picture in every
 * chart output: what GitHub, nbviewer and PDF exports show.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ROOT } from "../helpers/lab";
import { assertWellFormed, texts } from "./svg-parse";

type Output = { output_type: string; data?: Record<string, unknown>; name?: string };

test("every chart output of the executed gallery holds Plotly JSON and a well-formed SVG fallback", { timeout: 900_000 }, () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "dlcourse-gallery-"));
  try {
    const nb = path.join(ROOT, "tests", "notebooks", "plot-gallery.ipynb");
    const r = spawnSync(path.join(ROOT, ".venv", "bin", "python"), [path.join(ROOT, "scripts", "run_notebooks.py"), "--out", out, nb], { encoding: "utf8", env: { ...process.env, DOTENV_CONFIG_QUIET: "true" } });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const cells = JSON.parse(fs.readFileSync(path.join(out, "plot-gallery.ipynb"), "utf8")).cells as Array<{ cell_type: string; outputs?: Output[] }>;
    const outputs = cells.flatMap((c) => c.outputs ?? []);
    const charts = outputs.filter((o) => o.data && "application/vnd.plotly.v1+json" in o.data);
    assert.equal(charts.length, 12, "one output per chart, the live chart included (its updates replaced it in place)");
    for (const o of charts) {
      const svg = o.data!["image/svg+xml"];
      const text = Array.isArray(svg) ? svg.join("") : String(svg);
      assertWellFormed(text);
      assert.ok(texts(text).length > 3, "axes, labels or legend drawn");
    }
    assert.equal(outputs.filter((o) => o.output_type === "stream").length, 0, "no console output");
    const live = charts.find((o) => String(o.data!["text/plain"]).startsWith('Figure "Обучение'));
    assert.ok(live, "the live chart ended as a full figure");
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});
