import "./data-env";
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { data } from "dlcourse";
import fixture from "../fixtures/text/sst2.json";

test("loads train.tsv into a DataFrame: 6920 rows, 3610 positive, text and label columns", async () => {
  const df = await data.loadSst2({ download: false });
  assert.deepEqual(df.shape, [6920, 2]);
  assert.deepEqual(df.columns, ["text", "label"]);
  assert.deepEqual(df.dtypes, ["string", "int32"]);
  assert.equal(df.column("label").sum(), 3610);
  assert.ok((df.column("text").values as string[])[0].startsWith("a stirring , funny and finally transporting"));
});

test("dev and test files load with the row counts and positives NLTK's generator saw", async () => {
  for (const split of ["dev", "test"] as const) {
    const df = await data.loadSst2({ split, download: false });
    assert.equal(df.shape[0], fixture.files[split].rows);
    assert.equal(df.column("label").sum(), fixture.files[split].positive);
  }
});

test("the recorded checksums match the files (and the fixture's)", async () => {
  for (const split of ["train", "dev", "test"] as const) {
    assert.equal(data.sha256File(await data.sst2Path({ split, download: false })), data.SST2_FILES[split].sha256);
    assert.equal(data.SST2_FILES[split].sha256, fixture.files[split].sha256);
  }
  assert.match(data.SST2_FILES.train.url, /^https:\/\/github\.com\/clairett\/pytorch-sentiment-classification\/raw\/master\/data\/SST2\/train\.tsv$/);
});

test("a missing file is fetched into <dir>/sst2/ from a mirror (file://), checksum-verified", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dlc-sst2-"));
  const mirror = pathToFileURL(await data.sst2Path({ download: false })).href;
  const df = await data.loadSst2({ dir, url: mirror });
  assert.deepEqual(df.shape, [6920, 2]);
  assert.ok(fs.existsSync(path.join(dir, "sst2", "train.tsv")));
});

test("missing file with download off, or unknown split: messages say what to do", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dlc-sst2-"));
  await assert.rejects(data.loadSst2({ dir, download: false }), /sst2: .*train\.tsv is missing and download is off\. Offline\? Copy SST-2's train\.tsv .* or set DLCOURSE_DATA/);
  await assert.rejects(data.loadSst2({ split: "validation" as never }), /sst2: expected split "train", "dev" or "test", got "validation"/);
});

test("a malformed line is reported with file and line; nothing else is wrong with a good file", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dlc-tsv-"));
  const bad = path.join(dir, "bad.tsv");
  fs.writeFileSync(bad, "good film\t1\nbad film\tmaybe\n");
  await assert.rejects(data.readLabeledTsv(bad), /readLabeledTsv: .*bad\.tsv line 2: expected "text<TAB>label" with label in \[0,1\], got text "bad film" and label "maybe"/);
  const good = path.join(dir, "good.tsv");
  fs.writeFileSync(good, "good film\t1\nbad film\t0");
  const df = await data.readLabeledTsv(good);
  assert.deepEqual(df.values, [["good film", 1], ["bad film", 0]]);
  await assert.rejects(data.readLabeledTsv(path.join(dir, "none.tsv")), /readLabeledTsv: no such file .*none\.tsv/);
});

test("a file present with the wrong checksum is kept and reported", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dlc-sst2-"));
  fs.mkdirSync(path.join(dir, "sst2"));
  const copy = path.join(dir, "sst2", "train.tsv");
  fs.writeFileSync(copy, "edited\t1\n");
  await assert.rejects(data.loadSst2({ dir }), /exists but its SHA-256 is .*move it away/);
  assert.equal(fs.readFileSync(copy, "utf8"), "edited\t1\n");
});
