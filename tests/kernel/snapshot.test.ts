/**
 * The kernel's start-up snapshot (scripts/kernel-snapshot.cjs, kernel/launch.sh, kernel/snapshot.ts):
 * the launcher starts Node from the blob only while it is there and was built by the same Node,
 * the kernel adopts the snapshot's TypeScript only while it matches the file on disk, a
 * declaration file whose text changed is parsed anew, and a kernel started from setup's blob
 * type-checks and runs cells importing dlcourse, in its own current directory.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type * as TS from "@tslab/typescript-for-tslab";
import { adoptSnapshot, serveSnapshotFiles, snapshotStats, type SnapshotState } from "../../kernel/snapshot";

const ROOT = path.resolve(__dirname, "..", "..");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const snapshot = require("../../scripts/kernel-snapshot.cjs") as { BLOB: string; nodeId(node: string): string; freshSnapshot(): boolean };

/** A copy of kernel/launch.sh beside a main.js that reports whether it runs from a snapshot. */
function launcherTree(): { dir: string; launch: (env?: Record<string, string>) => { snapshot: boolean; args: string[] } } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dlcourse-launch-"));
  fs.mkdirSync(path.join(dir, "kernel"));
  fs.mkdirSync(path.join(dir, ".cache", "kernel-snapshot"), { recursive: true });
  fs.copyFileSync(path.join(ROOT, "kernel", "launch.sh"), path.join(dir, "kernel", "launch.sh"));
  fs.writeFileSync(path.join(dir, "kernel", "main.js"), "console.log(JSON.stringify({ snapshot: globalThis.fromSnapshot === true, args: process.argv.slice(2) }));\n");
  const entry = path.join(dir, "entry.js");
  fs.writeFileSync(entry, `globalThis.fromSnapshot = true;
require("node:v8").startupSnapshot.setDeserializeMainFunction(() => require("node:module").createRequire(process.argv[1])(process.argv[1]));\n`);
  execFileSync(process.execPath, ["--snapshot-blob", path.join(dir, ".cache", "kernel-snapshot", "kernel.blob"), "--build-snapshot", entry], { stdio: "ignore" });
  fs.writeFileSync(path.join(dir, ".cache", "kernel-snapshot", "node-id"), snapshot.nodeId(process.execPath) + "\n");
  const launch = (env: Record<string, string> = {}) =>
    JSON.parse(execFileSync("/bin/sh", [path.join(dir, "kernel", "launch.sh"), process.execPath, "kernel", "--config-path", "c.json"], { encoding: "utf8", env: { ...process.env, ...env } })) as { snapshot: boolean; args: string[] };
  return { dir, launch };
}

test("kernel/launch.sh starts from the snapshot only while it exists and was built by this Node", { skip: process.platform === "win32" }, () => {
  const { dir, launch } = launcherTree();
  try {
    const args = ["kernel", "--config-path", "c.json"];
    assert.deepEqual(launch(), { snapshot: true, args });
    assert.deepEqual(launch({ DLCOURSE_KERNEL_SNAPSHOT: "0" }), { snapshot: false, args });
    fs.writeFileSync(path.join(dir, ".cache", "kernel-snapshot", "node-id"), "1 2\n");
    assert.deepEqual(launch(), { snapshot: false, args }, "a blob from another Node binary is not used");
    fs.writeFileSync(path.join(dir, ".cache", "kernel-snapshot", "node-id"), snapshot.nodeId(process.execPath) + "\n");
    fs.rmSync(path.join(dir, ".cache", "kernel-snapshot", "kernel.blob"));
    assert.deepEqual(launch(), { snapshot: false, args }, "no blob: normal start");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

const ts = require("@tslab/typescript-for-tslab") as typeof TS;

/** Installs a fake snapshot state for a TypeScript at `tsPath` with two parsed files. */
function fakeState(tsPath: string, stamp: string, files: Record<string, string>): SnapshotState {
  const sourceFiles = new Map(Object.entries(files).map(([name, text]) => [name, ts.createSourceFile(name, text, ts.ScriptTarget.ES2022)]));
  const state: SnapshotState = { ts, tsPath, tsStamp: stamp, sourceFiles };
  (globalThis as { __dlcourseSnapshot__?: SnapshotState }).__dlcourseSnapshot__ = state;
  return state;
}

test("a snapshot built from another TypeScript file is not adopted; without one nothing changes", () => {
  assert.equal(adoptSnapshot("/nowhere/typescript.js", "1:2"), "none");
  fakeState("/nowhere/typescript.js", "1:2", {});
  assert.equal(adoptSnapshot("/nowhere/typescript.js", "1:3"), "stale");
  assert.equal(require.cache["/nowhere/typescript.js"], undefined);
  assert.equal((globalThis as { __dlcourseSnapshot__?: unknown }).__dlcourseSnapshot__, undefined, "the state is dropped either way");
});

test("the snapshot's declaration files are served while their text is the file's, parsed anew once it changed", () => {
  const tsPath = path.join(os.tmpdir(), `dlcourse-fake-ts-${process.pid}.js`);
  fs.writeFileSync(tsPath, "");
  const state = fakeState(tsPath, "7:8", { "/x/a.d.ts": "export declare const a: number;", "/x/b.d.ts": "export declare const b: string;" });
  try {
    assert.equal(adoptSnapshot(tsPath, "7:8"), "snapshot");
    assert.equal(require(tsPath), ts, "require gives the snapshot's TypeScript");
    const disk: Record<string, string> = { "/x/a.d.ts": "export declare const a: number;", "/x/b.d.ts": "export declare const b: boolean;" };
    const parsed: string[] = [];
    const host = {
      readFile: (f: string) => disk[f],
      getSourceFile: (f: string, v: TS.ScriptTarget) => (parsed.push(f), ts.createSourceFile(f, disk[f], v)),
    } as unknown as TS.CompilerHost;
    serveSnapshotFiles(host);
    const before = { ...snapshotStats };
    const a = host.getSourceFile("/x/a.d.ts", ts.ScriptTarget.ES2022);
    const b = host.getSourceFile("/x/b.d.ts", ts.ScriptTarget.ES2022);
    assert.equal(a, state.sourceFiles.get("/x/a.d.ts"), "unchanged file: the snapshot's own object");
    assert.notEqual(b, undefined);
    assert.match(b!.text, /boolean/, "changed file: parsed from the disk");
    assert.deepEqual(parsed, ["/x/b.d.ts"]);
    assert.deepEqual({ served: snapshotStats.served - before.served, stale: snapshotStats.stale - before.stale }, { served: 1, stale: 1 });
    host.getSourceFile("/x/a.d.ts", ts.ScriptTarget.ES5);
    assert.deepEqual(parsed, ["/x/b.d.ts", "/x/a.d.ts"], "another language version: parsed anew");
  } finally {
    delete require.cache[tsPath];
    fs.rmSync(tsPath, { force: true });
  }
});

test("a kernel started from setup's snapshot checks and runs cells importing dlcourse", { skip: !snapshot.freshSnapshot() && "no fresh snapshot (setup builds it)" }, () => {
  const probe = path.join(ROOT, "tests", "kernel", "snapshot-probe.cjs");
  const out = execFileSync(process.execPath, ["--snapshot-blob", snapshot.BLOB, probe], { cwd: path.join(ROOT, "notebooks"), encoding: "utf8" });
  const r = JSON.parse(out.trim().split("\n").pop()!) as { adopted: string; value: unknown; error: { ename: string; evalue: string; traceback: string }; served: number; cwd: string };
  assert.equal(r.adopted, "snapshot");
  assert.equal(r.cwd, path.join(ROOT, "notebooks"), "TypeScript's current directory is the kernel's, not the one the snapshot was built in");
  assert.ok(r.served > 100, `declaration files served from the snapshot: ${r.served}`);
  assert.equal(r.value, 3);
  assert.equal(r.error.ename, "TSError");
  assert.match(r.error.evalue, /SGD/);
  assert.match(r.error.traceback, /line 2, column 7/);
});
