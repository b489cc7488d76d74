// scripts/reference-env.cjs, which `npm run bench` and `npm run fixtures` use for .venv-ref: when it
// cannot be built, the error names the step and says how to build it by hand (no raw ENOENT).
import { test } from "node:test";
import assert from "node:assert/strict";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ensureReferenceEnv, refPython } = require("../../scripts/reference-env.cjs") as {
  ensureReferenceEnv(o: { root?: string; python?: string; who?: string }): string;
  refPython(root?: string): string;
};
const ROOT = path.resolve(__dirname, "..", "..");

test("without a usable Python the bench stops with a message saying how to build .venv-ref", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "dlcourse-ref-"));
  const log = console.log;
  console.log = () => {};
  try {
    fs.copyFileSync(path.join(ROOT, "requirements-ref.txt"), path.join(root, "requirements-ref.txt"));
    assert.throws(
      () => ensureReferenceEnv({ root, python: path.join(root, "no-such-python3"), who: "bench" }),
      (e: Error) => {
        assert.match(e.message, /^bench: could not create \.venv-ref \(.*no-such-python3: .*ENOENT/);
        assert.match(e.message, /python3 -m venv .*\.venv-ref && .*\.venv-ref\/bin\/python -m pip install -r .*requirements-ref\.txt/);
        return true;
      },
    );
    assert.ok(!fs.existsSync(path.join(root, ".venv-ref", ".requirements-ref.sha256")), "no stamp after a failure");
  } finally {
    console.log = log;
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test("an up-to-date .venv-ref is used as it is (no install)", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "dlcourse-ref-"));
  try {
    fs.copyFileSync(path.join(ROOT, "requirements-ref.txt"), path.join(root, "requirements-ref.txt"));
    const python = refPython(root);
    fs.mkdirSync(path.dirname(python), { recursive: true });
    fs.writeFileSync(python, "");
    const hash = crypto.createHash("sha256").update(fs.readFileSync(path.join(root, "requirements-ref.txt"))).digest("hex");
    fs.writeFileSync(path.join(root, ".venv-ref", ".requirements-ref.sha256"), `${hash}\n`);
    assert.equal(ensureReferenceEnv({ root, python: "/no/such/python", who: "bench" }), python);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
