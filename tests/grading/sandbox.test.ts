/** What student code can reach from inside the sandbox: its own folder, the lib, nothing else. */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import net, { type AddressInfo } from "node:net";
import { studentProgram } from "../../grading/program";
import { ROOT, isolationLevel, prepareSandboxDir } from "../../grading/sandbox/isolation";
import { Sandbox } from "../../grading/sandbox/sandbox";
import { MINI_SOURCE, tempDir } from "./helpers";

const PROBE = `
import fs from "node:fs";
import { tf, ready } from "dlcourse";
async function canRead(p: string): Promise<string> {
  try { fs.readFileSync(p); return "read"; } catch (e) { return (e as any).code ?? String(e); }
}
async function canWrite(p: string): Promise<string> {
  try { fs.writeFileSync(p, "x"); return "written"; } catch (e) { return (e as any).code ?? String(e); }
}
async function canFetch(url: string): Promise<string> {
  try { await fetch(url, { signal: AbortSignal.timeout(3000) }); return "fetched"; } catch (e) { return "failed"; }
}
function canSpawn(): string {
  try { require("node:child_process").execSync("true"); return "spawned"; } catch (e) { return (e as any).code ?? String(e); }
}
function envKeys(): string[] { return Object.keys(process.env); }
function canSignal(pid: number): string {
  try { process.kill(pid, 0); return "signalled"; } catch (e) { return (e as any).code ?? String(e); }
}
function uid(): number { return process.getuid!(); }
async function canConnect(socketPath: string): Promise<string> {
  const net = require("node:net");
  return new Promise((resolve) => {
    const c = net.connect(socketPath);
    c.on("connect", () => { c.destroy(); resolve("connected"); });
    c.on("error", (e: any) => resolve(e.code ?? String(e)));
  });
}
async function tensorSum(xs: number[]): Promise<number> {
  await ready();
  return tf.sum(tf.tensor1d(xs)).dataSync()[0];
}
`;

let box: Sandbox;
let work: string;
let server: http.Server;
let port = 0;
const secret = path.join(tempDir("dlcourse-secret-"), "answers.txt");

before(async () => {
  fs.writeFileSync(secret, "42");
  server = http.createServer((_, res) => res.end("hello")).listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  port = (server.address() as AddressInfo).port;
  work = tempDir("dlcourse-sb-");
  fs.mkdirSync(path.join(work, "scratch"));
  const program = path.join(work, "student.js");
  fs.writeFileSync(program, studentProgram([{ index: 0, source: PROBE }], ["canRead", "canWrite", "canFetch", "canSpawn", "envKeys", "tensorSum", "canSignal", "uid", "canConnect"]));
  prepareSandboxDir(work, path.join(work, "scratch"));
  box = new Sandbox({ dir: work, scratch: path.join(work, "scratch"), heapMb: 512, maxFileBytes: 1 << 20 }, program);
  const report = await box.load();
  assert.deepEqual(report.errors, []);
});

after(() => {
  box.close();
  server.close();
});

test("the lib works inside the sandbox", async () => {
  assert.equal(await box.call("tensorSum", [[1, 2, 3.5]]), 6.5);
});

test("files outside the sandbox cannot be read: source notebooks, other folders, the grader, system files", async () => {
  for (const p of [MINI_SOURCE, secret, path.join(ROOT, "grading", "trusted.ts"), path.join(ROOT, "notebooks", "homework", "nbgrader_config.py"), "/etc/passwd", `/proc/${process.pid}/environ`]) {
    assert.equal(await box.call("canRead", [p]), "ERR_ACCESS_DENIED", p);
  }
  assert.equal(await box.call("canRead", [path.join(work, "student.js")]), "read");
});

test("writes go only to the scratch folder", async () => {
  assert.equal(await box.call("canWrite", [path.join(work, "scratch", "cache.bin")]), "written");
  assert.equal(await box.call("canWrite", [path.join(work, "student.js")]), "ERR_ACCESS_DENIED");
  assert.equal(await box.call("canWrite", [path.join(path.dirname(secret), "x.txt")]), "ERR_ACCESS_DENIED");
});

test("no network (not even the grader's loopback), no child processes, a clean environment", async () => {
  assert.equal(await box.call("canFetch", [`http://127.0.0.1:${port}/`]), "failed");
  assert.equal(await box.call("canSpawn", []), "ERR_ACCESS_DENIED");
  const keys = (await box.call("envKeys", [])) as string[];
  assert.ok(!keys.some((k) => /TOKEN|SECRET|KEY|PASSWORD|GITHUB|NPM/i.test(k)), keys.join(","));
  assert.equal(box.isolation?.mechanism, "bwrap", "bubblewrap should be installed on the CI machine (.ci/run installs it)");
});

test("no process of the host can be signalled: a PID namespace of its own (probed with signal 0, never a real kill)", async () => {
  assert.notEqual(await box.call("canSignal", [process.pid]), "signalled", "the grader's own pid");
  assert.notEqual(await box.call("canSignal", [process.ppid]), "signalled", "the test runner's pid");
});

test("student code runs as an unprivileged user when the grader is root", { skip: process.getuid?.() !== 0 && "not root here" }, async () => {
  assert.equal(await box.call("uid", []), 65534);
});

test("Unix sockets of the host cannot be reached, even one anybody may open", async () => {
  const dir = tempDir("dlcourse-sock-");
  const sock = path.join(dir, "host.sock");
  const srv = net.createServer((c) => c.end("secret")).listen(sock);
  await new Promise((r) => srv.once("listening", r));
  fs.chmodSync(dir, 0o755);
  fs.chmodSync(sock, 0o777);
  try {
    assert.notEqual(await box.call("canConnect", [sock]), "connected");
  } finally {
    srv.close();
  }
});

test("the isolation level is the strongest available and says what it lacks", () => {
  const l = isolationLevel();
  assert.ok(["bwrap", "unshare", "none"].includes(l.mechanism));
  if (l.mechanism !== "bwrap") assert.ok(l.missing.length > 0, "a weaker level must say what is missing");
});
