import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { data } from "dlcourse";

const MINI = path.resolve(__dirname, "..", "..", "notebooks", "homework", "source", "cifar10_loader", "data", "cifar-10-mini.tar.gz");
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "dlc-cifar-"));

test("readTarGz reads an archive written by Python's tarfile (the loader homework's mini archive)", () => {
  const files = data.readTarGz(fs.readFileSync(MINI));
  assert.equal(files.get("cifar-10-batches-bin/data_batch_3.bin")?.length, 4 * 3073);
  assert.ok(files.has("cifar-10-batches-bin/batches.meta.txt"));
});

test("parseCifar10Records turns R, G, B planes into NHWC bytes (the mini archive's pixel formula)", () => {
  const bytes = data.readTarGz(fs.readFileSync(MINI)).get("cifar-10-batches-bin/data_batch_2.bin")!;
  const set = data.parseCifar10Records(bytes);
  assert.equal(set.count, 4);
  assert.deepEqual(set.shape, [32, 32, 3]);
  // record k of batch b: label (b + 3k) % 10, pixel (label*20 + channel*5 + row + col) % 256
  assert.deepEqual(Array.from(set.labels), [2, 5, 8, 1]);
  const [k, row, col, ch] = [1, 7, 30, 2];
  assert.equal(set.images[((k * 32 + row) * 32 + col) * 3 + ch], (5 * 20 + ch * 5 + row + col) % 256);
  assert.throws(() => data.parseCifar10Records(new Uint8Array(3000)), /parseCifar10Records: expected a multiple of 3073 bytes, got 3000/);
  const bad = new Uint8Array(3073);
  bad[0] = 12;
  assert.throws(() => data.parseCifar10Records(bad), /record 0 has label 12, expected 0\.\.9/);
});

test("writeTarGz round-trips files of 0, 511, 512 and 513 bytes, byte-identical on a second run", () => {
  const files: [string, Uint8Array][] = [0, 511, 512, 513].map((n) => [`d/f${n}.bin`, Uint8Array.from({ length: n }, (_, i) => (i * 7 + n) % 256)]);
  const gz = data.writeTarGz(files);
  const back = data.readTarGz(gz);
  for (const [name, bytes] of files) assert.deepEqual(back.get(name), bytes);
  assert.deepEqual(data.writeTarGz(files), gz);
  assert.throws(() => data.readTarGz(new Uint8Array([1, 2, 3])), /readTarGz: expected gzip-compressed data/);
});

test("cifar10ArchivePath: offline, the error says where to put the archive; a wrong file fails the MD5", async () => {
  const dir = tmp();
  await assert.rejects(data.cifar10ArchivePath({ dir, url: pathToFileURL(path.join(dir, "none.tar.gz")).href }), (e: Error) => {
    assert.match(e.message, /Offline\? Copy cifar-10-binary\.tar\.gz .* into .*cifar10\/, or set DLCOURSE_DATA/);
    assert.match(e.message, /source: "auto"/);
    return true;
  });
  await assert.rejects(data.cifar10ArchivePath({ dir, url: pathToFileURL(MINI).href }), /has MD5 [0-9a-f]{32} .*expected c32a1d4ab5d03f1284b67883e8d87530; nothing was saved/);
  assert.equal(fs.existsSync(path.join(dir, "cifar10", "cifar-10-binary.tar.gz")), false);
});

test("ensureFile verifies an MD5 when only that is given", async () => {
  const dir = tmp();
  const md5 = "9ecfbb1d4a2e7c5b8fc7e4e6c1b0f9d4"; // not the mini archive's
  await assert.rejects(data.ensureFile({ url: pathToFileURL(MINI).href, dest: path.join(dir, "a.tgz"), md5 }), /has MD5 .* expected 9ecfbb1d/);
  await assert.rejects(data.ensureFile({ url: pathToFileURL(MINI).href, dest: path.join(dir, "a.tgz"), md5: "xyz" }), /expected md5 as 32 hex digits/);
  const real = fs.readFileSync(MINI.replace(".tar.gz", ".md5"), "utf8").trim();
  assert.equal(await data.ensureFile({ url: pathToFileURL(MINI).href, dest: path.join(dir, "a.tgz"), md5: real }), path.join(dir, "a.tgz"));
});

test("loadCifar10 auto: without the real archive, the stand-in is generated once and read by the same loader", async () => {
  const dir = tmp();
  const a = await data.loadCifar10({ source: "auto", dir });
  assert.equal(a.source, "stand-in");
  assert.deepEqual(a.classes, data.CIFAR10_STANDIN_CLASSES);
  assert.equal(a.train.count, 5000);
  assert.equal(a.test.count, 1000);
  assert.equal(a.train.images.length, 5000 * 32 * 32 * 3);
  const perClass = Array.from({ length: 10 }, (_, c) => a.train.labels.filter((l) => l === c).length);
  assert.deepEqual(perClass, new Array(10).fill(500));
  const mtime = fs.statSync(a.archive).mtimeMs;
  const b = await data.loadCifar10({ source: "stand-in", dir });
  assert.equal(fs.statSync(b.archive).mtimeMs, mtime, "the cached archive is reused");
  assert.deepEqual(b.test.images.subarray(0, 3072 * 3), a.test.images.subarray(0, 3072 * 3));
  await assert.rejects(data.loadCifar10({ source: "real" as "cifar10", dir }), /expected source "cifar10", "stand-in" or "auto", got "real"/);
});

test("cifar10StandInRecords is deterministic per seed and draws classes that differ", () => {
  const a = data.cifar10StandInRecords({ count: 40, seed: 3 });
  assert.deepEqual(data.cifar10StandInRecords({ count: 40, seed: 3 }), a);
  assert.notDeepEqual(data.cifar10StandInRecords({ count: 40, seed: 4 }), a);
  const set = data.parseCifar10Records(a);
  assert.deepEqual([...new Set(set.labels)].sort((x, y) => x - y), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  assert.throws(() => data.cifar10StandInRecords({ count: 0 }), /expected count an integer >= 1, got 0/);
});
