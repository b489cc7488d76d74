// The kernel's V8 startup snapshot (what it holds and why: kernel/README.md, "Start-up").
// `node scripts/setup.mjs` builds .cache/kernel-snapshot/kernel.blob with
// `node --build-snapshot kernel/snapshot-entry.js` when its inputs changed (Node, tslab's
// TypeScript, the entry, the lib's declarations, package-lock.json), and writes the kernel spec's
// argv through kernel/launch.sh, which starts Node from the blob only while it exists and was
// built by the same Node binary, and normally otherwise. Inside the kernel, kernel/snapshot.ts
// checks TypeScript and every declaration file against the disk again.
"use strict";
const { createHash } = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..");
const OUT = path.join(ROOT, ".cache", "kernel-snapshot");
const BLOB = path.join(OUT, "kernel.blob");
const STAMP = path.join(OUT, ".stamp");
/** What kernel/launch.sh compares with the Node binary it is given: `<size> <mtime seconds>`. */
const NODE_ID = path.join(OUT, "node-id");
const ENTRY = path.join(ROOT, "kernel", "snapshot-entry.js");
const LAUNCH = path.join(ROOT, "kernel", "launch.sh");

/** tslab's own TypeScript (the one its converter loads). */
function tsPath() {
  const tslabDist = path.dirname(require.resolve("tslab/dist/converter", { paths: [ROOT] }));
  return require.resolve("@tslab/typescript-for-tslab", { paths: [tslabDist] });
}

/**
 * The identity kernel/launch.sh checks: size and whole-second mtime of a Node binary.
 * @param node - path of the binary
 * @returns e.g. "96512345 1764000000"
 */
function nodeId(node) {
  const s = fs.statSync(node);
  return `${s.size} ${Math.floor(s.mtimeMs / 1000)}`;
}

/** Hash of everything the blob is built from. */
function inputsHash(node) {
  const h = createHash("sha256").update(process.version).update("\0").update(nodeId(node)).update("\0");
  const ts = fs.statSync(tsPath());
  h.update(`${ts.size}:${ts.mtimeMs}`).update("\0");
  const stamp = path.join(ROOT, ".cache", "lib-types", ".stamp");
  for (const f of [ENTRY, stamp, path.join(ROOT, "scripts", "lib-types.cjs"), path.join(ROOT, "kernel", "types", "plotly-stub.d.ts"), path.join(ROOT, "package-lock.json")]) {
    h.update(fs.existsSync(f) ? fs.readFileSync(f) : "missing").update("\0");
  }
  return h.digest("hex");
}

/**
 * Whether the blob exists and was built from the current inputs.
 * @param node - the Node binary that would start it (default: this one)
 * @returns true when fresh
 */
function freshSnapshot(node = process.execPath) {
  try {
    return fs.existsSync(BLOB) && fs.readFileSync(STAMP, "utf8").trim() === inputsHash(node);
  } catch {
    return false;
  }
}

/**
 * Builds the blob when missing or stale; idempotent. Never throws: a failed build removes the
 * blob, and the kernel then starts normally (only slower).
 * @param node - the Node binary of the kernel spec (default: this one)
 * @returns true when a fresh blob exists afterwards
 */
function buildKernelSnapshot(node = process.execPath) {
  if (freshSnapshot(node)) return true;
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.mkdirSync(OUT, { recursive: true });
  const tmp = `${BLOB}.${process.pid}.tmp`;
  const { spawnSync } = require("node:child_process");
  const r = spawnSync(node, ["--snapshot-blob", tmp, "--build-snapshot", ENTRY, tsPath(), ROOT], { cwd: ROOT, encoding: "utf8" });
  if (r.status !== 0 || !fs.existsSync(tmp)) {
    fs.rmSync(tmp, { force: true });
    process.stderr.write(`kernel-snapshot: building the start-up snapshot failed (the kernel starts without it):\n${r.stdout ?? ""}${r.stderr ?? ""}${r.error?.message ?? ""}\n`);
    return false;
  }
  fs.renameSync(tmp, BLOB);
  fs.writeFileSync(NODE_ID, nodeId(node) + "\n");
  fs.writeFileSync(STAMP, inputsHash(node) + "\n");
  return true;
}

/**
 * The kernel spec's argv: through kernel/launch.sh where there is a POSIX shell, plain Node on Windows.
 * @param node - the Node binary
 * @returns argv with the `{connection_file}` placeholder
 */
function kernelArgv(node = process.execPath) {
  const args = ["kernel", "--config-path", "{connection_file}"];
  if (process.platform === "win32") return [node, path.join(ROOT, "kernel", "main.js"), ...args];
  return ["/bin/sh", LAUNCH, node, ...args];
}

module.exports = { OUT, BLOB, NODE_ID, LAUNCH, nodeId, freshSnapshot, buildKernelSnapshot, kernelArgv };
