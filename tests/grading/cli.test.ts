/** `npm run grade -- ...` end to end on the fixture assignment: batch, one, and clear usage errors. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { FIXTURE_COURSE, GOOD_ADD, GOOD_MEAN, submission, tempDir } from "./helpers";

const ROOT = path.resolve(__dirname, "..", "..");
const SOURCE = path.join(FIXTURE_COURSE, "source");

function grade(...args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", path.join(ROOT, "grading", "cli.ts"), ...args], { cwd: ROOT, encoding: "utf8" });
  return { status: r.status, out: r.stdout + r.stderr };
}

test("batch grades a folder of submissions (nbgrader layout) into a gradebook and feedback pages", () => {
  const dir = tempDir("dlcourse-cli-");
  for (const [student, text] of [["ann", submission({ add: GOOD_ADD, mean: GOOD_MEAN })], ["ben", submission({ mean: "function mean(xs: number[]): number {\n  return 0;\n}" })]] as const) {
    fs.mkdirSync(path.join(dir, "submitted", student, "mini"), { recursive: true });
    fs.writeFileSync(path.join(dir, "submitted", student, "mini", "mini.ipynb"), text);
  }
  const out = path.join(dir, "out");
  const r = grade("batch", "mini", path.join(dir, "submitted"), "--source", SOURCE, "--out", out, "--jobs", "2");
  assert.equal(r.status, 0, r.out);
  assert.match(r.out, /2 submissions in [\d.]+ s \([\d.]+ per minute, 2 at a time\)/);
  const csv = fs.readFileSync(path.join(out, "gradebook.csv"), "utf8");
  assert.equal(csv, "student,assignment,test_add,test_mean,total,max\nann,mini,1,2,3,3\nben,mini,1,0,1,3\n");
  assert.ok(fs.readFileSync(path.join(out, "feedback", "ann.html"), "utf8").includes("3 из 3"));
});

test("one prints per-test points and why a test failed", () => {
  const dir = tempDir("dlcourse-cli-one-");
  const nb = path.join(dir, "mine.ipynb");
  fs.writeFileSync(nb, submission({ mean: "function mean(xs: number[]): number {\n  return xs[0];\n}" }));
  const r = grade("one", "mini", nb, "--source", SOURCE);
  assert.equal(r.status, 0, r.out);
  assert.match(r.out, /test_mean\s+1 \/ 2/);
  assert.match(r.out, /mean\(\[1,2,3\]\): expected 2, got 1/);
  assert.match(r.out, /total 2 \/ 3/);
});

test("usage errors name the problem", () => {
  const r = grade("batch", "nope", ".", "--source", SOURCE);
  assert.equal(r.status, 2);
  assert.match(r.out, /no assignment "nope".*known: mini/s);
  assert.match(grade("frobnicate").out, /usage: npm run grade --/);
  assert.match(grade("batch", "mini", "/no/such/dir", "--source", SOURCE).out, /batch needs a folder of submissions/);
});

test("grade one prints student output and errors with escape sequences made visible, never raw", () => {
  const dir = tempDir("dlcourse-cli-esc-");
  const nb = path.join(dir, "mine.ipynb");
  const add = 'function add(a: number, b: number): number {\n  console.log("\\x1b[2K\\r\\x1b]0;owned\\x07");\n  throw new Error("\\x1b[1A\\x1b[2Ktotal 3 / 3\\u202e");\n}';
  fs.writeFileSync(nb, submission({ add }));
  const r = grade("one", "mini", nb, "--source", SOURCE);
  assert.equal(r.status, 0, r.out);
  assert.ok(!/[\x1b\x07\u202e]/.test(r.out), JSON.stringify(r.out));
  assert.match(r.out, /\\x1b\[1A/);
});

test("descriptors the grader inherited (a secret open in the instructor's shell) do not reach student code", () => {
  const dir = tempDir("dlcourse-cli-fd-");
  const secret = path.join(dir, "secret.txt");
  fs.writeFileSync(secret, "TOPSECRET-4711");
  // mean() reads every descriptor it can and answers with what it found; the visible test shows it.
  const mean = 'import fs from "node:fs";\nfunction mean(xs: number[]): any {\n  const found: string[] = [];\n  for (let fd = 3; fd < 128; fd++) { try { const b = Buffer.alloc(64); const n = fs.readSync(fd, b, 0, 64, 0); found.push(b.subarray(0, n).toString()); } catch {} }\n  return found.join("|") || "nothing";\n}';
  fs.mkdirSync(path.join(dir, "subs"));
  fs.writeFileSync(path.join(dir, "subs", "eve.ipynb"), submission({ mean }));
  const fd = fs.openSync(secret, "r");
  const r = spawnSync(process.execPath, ["--import", "tsx", path.join(ROOT, "grading", "cli.ts"), "batch", "mini", path.join(dir, "subs"), "--source", SOURCE, "--out", path.join(dir, "out")], {
    cwd: ROOT,
    encoding: "utf8",
    // Node marks low inherited descriptors close-on-exec itself (up to the first gap above 15); a
    // high one, as a shell or spawner may leave, is what leaks.
    stdio: ["ignore", "pipe", "pipe", ...Array<"ignore">(37).fill("ignore"), fd],
  });
  fs.closeSync(fd);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const html = fs.readFileSync(path.join(dir, "out", "feedback", "eve.html"), "utf8");
  assert.match(html, /got /, "the probe ran");
  assert.ok(!html.includes("TOPSECRET"), html);
});

test("batch says how student code is isolated on this machine", () => {
  const dir = tempDir("dlcourse-cli-iso-");
  fs.mkdirSync(path.join(dir, "subs"));
  fs.writeFileSync(path.join(dir, "subs", "ann.ipynb"), submission({ add: GOOD_ADD, mean: GOOD_MEAN }));
  const r = grade("batch", "mini", path.join(dir, "subs"), "--source", SOURCE, "--out", path.join(dir, "out"));
  assert.equal(r.status, 0, r.out);
  assert.match(r.out, /grade: isolation: (bubblewrap|unshare|NO operating-system isolation)/);
});
