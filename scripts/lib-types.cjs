// Declaration files of lib/ for the course kernel. tslab type-checks everything a cell imports;
// with "dlcourse" resolved to the lib's TypeScript sources, the first cell importing it checked
// and emitted the whole lib (~2-3 s). `node scripts/setup.mjs` builds .cache/lib-types/*.d.ts with
// tsc (tsconfig.lib-types.json) and stamps them with a hash of the lib's sources; the kernel
// checks cells against them only while that stamp matches, and against the sources otherwise
// (a lib edit is then still picked up at the next kernel start, only checked more slowly until
// the next setup). CommonJS so that both setup.mjs and the kernel (CommonJS via tsx) load it.
"use strict";
const { createHash } = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..");
const LIB = path.join(ROOT, "lib");
const OUT = path.join(ROOT, ".cache", "lib-types");
const STAMP = path.join(OUT, ".stamp");
const CONFIG = path.join(ROOT, "tsconfig.lib-types.json");
const PLOTLY_STUB = path.join(ROOT, "kernel", "types", "plotly-stub.d.ts");

/** Every TypeScript source of lib/, sorted (the inputs of the declarations). */
function libSources(dir = LIB) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...libSources(p));
    else if (e.name.endsWith(".ts") && !e.name.endsWith(".d.ts")) out.push(p);
  }
  return out.sort();
}

/** Hash of the lib's sources and of what builds their declarations. */
function sourcesHash() {
  const h = createHash("sha256");
  for (const f of [...libSources(), CONFIG, path.join(ROOT, "tsconfig.json")]) {
    h.update(path.relative(ROOT, f)).update("\0").update(fs.readFileSync(f)).update("\0");
  }
  return h.digest("hex");
}

/**
 * The declarations' entry point when they match the lib's sources, else null.
 * @returns absolute path of .cache/lib-types/index.d.ts, or null (missing or stale)
 */
function freshIndex() {
  try {
    if (fs.readFileSync(STAMP, "utf8").trim() !== sourcesHash()) return null;
  } catch {
    return null;
  }
  const index = path.join(OUT, "index.d.ts");
  return fs.existsSync(index) ? index : null;
}

/**
 * Compiler options that resolve "dlcourse" (and "dlcourse/<path>") to the fresh declarations;
 * empty (resolve to the sources) when they are missing or stale, or DLCOURSE_KERNEL_LIB_SOURCES=1.
 * @returns options to merge into the kernel's compiler options
 */
function kernelCompilerOptions() {
  // DLCOURSE_KERNEL_LIB_SOURCES=1: check against the sources (bench/kernel.py's A/B, debugging).
  const index = process.env.DLCOURSE_KERNEL_LIB_SOURCES === "1" ? null : freshIndex();
  if (!index) return {};
  const paths = { dlcourse: [index], "dlcourse/*": [path.join(OUT, "*")] };
  // danfojs-node's declarations import plotly's only for its own plot() options (kernel/types/plotly-stub.d.ts)
  if (process.env.DLCOURSE_KERNEL_PLOTLY_TYPES !== "1") paths["plotly.js-dist-min"] = [PLOTLY_STUB];
  return { paths };
}

/**
 * Builds the declarations with tsc when they are missing or stale; idempotent.
 * @returns true when fresh declarations exist afterwards; false when tsc failed (the lib does
 *   not type-check: the kernel then checks against the sources, which reports the errors)
 */
function buildLibTypes() {
  if (freshIndex()) return true;
  fs.rmSync(OUT, { recursive: true, force: true });
  let tsc;
  try {
    tsc = require.resolve("typescript/bin/tsc", { paths: [ROOT] });
  } catch {
    process.stderr.write("lib-types: typescript is not installed (npm ci without dev dependencies?); the kernel will check cells against the lib's sources\n");
    return false;
  }
  // required here: kernel/snapshot-entry.js loads this file where child_process is not snapshot-safe
  const { spawnSync } = require("node:child_process");
  const r = spawnSync(process.execPath, [tsc, "-p", CONFIG], { cwd: ROOT, encoding: "utf8" });
  if (r.status !== 0) {
    process.stderr.write(`lib-types: tsc found errors in lib/, the kernel will check cells against the sources:\n${r.stdout}${r.stderr}`);
    return false;
  }
  fs.writeFileSync(STAMP, sourcesHash() + "\n");
  return true;
}

module.exports = { OUT, freshIndex, kernelCompilerOptions, buildLibTypes };
