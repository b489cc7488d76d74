import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { data } from "dlcourse";

const BODY = "great movie\t1\nawful\t0\n";

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "dlc-dl-"));
}

async function serve(body: string, status = 200): Promise<{ url: string; hits: () => number; close: () => Promise<void> }> {
  let hits = 0;
  const server = http.createServer((_req, res) => {
    hits++;
    res.writeHead(status, { "content-type": "text/tab-separated-values" });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/train.tsv`, hits: () => hits, close: () => new Promise((r) => server.close(() => r())) };
}

const realSha = data.sha256Bytes(Buffer.from(BODY));

test("the checksum helper agrees with coreutils' sha256sum", () => {
  assert.equal(realSha, execFileSync("sha256sum", { input: BODY }).toString().split(" ")[0]);
});

test("downloads over http into the destination once, then reuses the verified file", async () => {
  const srv = await serve(BODY);
  try {
    const dest = path.join(tmp(), "sst2", "train.tsv");
    assert.equal(await data.ensureFile({ url: srv.url, dest, sha256: realSha }), dest);
    assert.equal(fs.readFileSync(dest, "utf8"), BODY);
    await data.ensureFile({ url: srv.url, dest, sha256: realSha });
    assert.equal(srv.hits(), 1);
  } finally {
    await srv.close();
  }
});

test("a checksum mismatch saves nothing and says so", async () => {
  const srv = await serve(BODY.slice(0, 10)); // a cut-off download
  try {
    const dir = tmp();
    const dest = path.join(dir, "train.tsv");
    await assert.rejects(data.ensureFile({ url: srv.url, dest, sha256: realSha }), /has SHA-256 [0-9a-f]{64} \(10 bytes\), expected [0-9a-f]{64}; nothing was saved/);
    assert.deepEqual(fs.readdirSync(dir), []);
  } finally {
    await srv.close();
  }
});

test("file:// URLs work (a local mirror), and an existing file with the wrong checksum is kept and reported", async () => {
  const src = path.join(tmp(), "mirror.tsv");
  fs.writeFileSync(src, BODY);
  const dest = path.join(tmp(), "train.tsv");
  await data.ensureFile({ url: pathToFileURL(src).href, dest, sha256: realSha.toUpperCase() });
  assert.equal(fs.readFileSync(dest, "utf8"), BODY);
  fs.writeFileSync(dest, "edited");
  await assert.rejects(data.ensureFile({ url: pathToFileURL(src).href, dest, sha256: realSha }), /exists but its SHA-256 is .* move it away and run again/);
  assert.equal(fs.readFileSync(dest, "utf8"), "edited");
});

test("offline and HTTP errors tell the user what to do", async () => {
  const srv = await serve("gone", 404);
  const dead = srv.url;
  try {
    const dest = path.join(tmp(), "train.tsv");
    await assert.rejects(data.ensureFile({ url: srv.url, dest, sha256: realSha, offlineHint: "Copy it by hand." }), /HTTP 404 .*Copy it by hand\./);
  } finally {
    await srv.close();
  }
  // The server is closed now: the connection is refused, as it is without a network.
  await assert.rejects(
    data.ensureFile({ url: dead, dest: path.join(tmp(), "t.tsv"), sha256: realSha, offlineHint: "Copy it by hand." }),
    /could not download .*ECONNREFUSED.*offline\. Copy it by hand\./,
  );
  await assert.rejects(data.ensureFile({ url: "ftp://x/y", dest: path.join(tmp(), "t"), sha256: realSha }), /expected an http\(s\):\/\/ or file:\/\/ URL, got "ftp:\/\/x\/y"/);
  await assert.rejects(data.ensureFile({ url: dead, dest: path.join(tmp(), "t"), sha256: "abc" }), /expected sha256 as 64 hex digits, got "abc"/);
});
