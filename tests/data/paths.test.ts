import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { data } from "dlcourse";

test("dataDir: explicit dir, then DLCOURSE_DATA, then the repo's datasets/", () => {
  assert.equal(data.dataDir({ dir: "/tmp/x", env: { DLCOURSE_DATA: "/elsewhere" } }), "/tmp/x");
  assert.equal(data.dataDir({ env: { DLCOURSE_DATA: "/elsewhere" } }), "/elsewhere");
  assert.equal(data.dataDir({ env: {} }), data.REPO_DATASETS);
  assert.equal(data.dataDir({ env: { DLCOURSE_DATA: "" } }), data.REPO_DATASETS);
  assert.equal(path.basename(data.REPO_DATASETS), "datasets");
  assert.ok(fs.existsSync(path.join(data.REPO_DATASETS, "..", "lib", "data")), data.REPO_DATASETS);
});

test("dataDir: DLCOURSE_DATA naming a file is a clear error", () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "dlc-")), "f.txt");
  fs.writeFileSync(file, "x");
  assert.throws(() => data.dataDir({ env: { DLCOURSE_DATA: file } }), /dataDir: DLCOURSE_DATA should name a folder, but .*f\.txt is a file/);
});
