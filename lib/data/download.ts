/**
 * Fetch-once for data files: download into the data folder, verify the SHA-256, then keep it.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createHash } from "node:crypto";
import { sha256Bytes } from "./checksum";

/** Options for {@link ensureFile}. */
export interface EnsureFileOptions {
  /** Where the file comes from: `https://`, `http://` or `file://`. */
  url: string;
  /** Where it is kept (absolute or relative path); parent folders are created. */
  dest: string;
  /** Expected SHA-256 of the file, 64 hex digits. Required unless `md5` is given. */
  sha256?: string;
  /** Expected MD5 instead, 32 hex digits, for archives whose publisher gives only that (CIFAR-10). */
  md5?: string;
  /** Give up a download after this many seconds. Default 60. */
  timeoutSeconds?: number;
  /** What to tell the user to do when offline; appended to network errors. */
  offlineHint?: string;
}

/**
 * Returns `dest` if it is present (and has the expected checksum); otherwise downloads `url`,
 * checks its SHA-256, and only then writes it to `dest` (atomically: never a partial file).
 *
 * @param options - see {@link EnsureFileOptions}
 * @returns the absolute path of the verified file
 * @throws Error if `dest` exists with a different checksum (it is left untouched), if the
 *   download fails (offline, HTTP error, timeout; the message says what to do), or if the
 *   downloaded bytes have the wrong checksum (nothing is written)
 * @example
 * await ensureFile({ url: "https://example.org/train.tsv", dest: "datasets/sst2/train.tsv", sha256: "ec19..." });
 */
export async function ensureFile(options: EnsureFileOptions): Promise<string> {
  const dest = path.resolve(options.dest);
  const { name, expected, digest } = checksumOf(options);
  if (fs.existsSync(dest)) {
    const actual = digest(fs.readFileSync(dest));
    if (actual !== expected) {
      throw new Error(
        `ensureFile: ${dest} exists but its ${name} is ${actual}, expected ${expected}. ` +
          `It may be truncated or a different version: move it away and run again to download ${options.url}.`,
      );
    }
    return dest;
  }
  const bytes = await fetchBytes(options.url, options.timeoutSeconds ?? 60, options.offlineHint ?? `Put the file at ${dest} yourself.`);
  const actual = digest(bytes);
  if (actual !== expected) {
    throw new Error(
      `ensureFile: the download from ${options.url} has ${name} ${actual} (${bytes.length} bytes), expected ${expected}; ` +
        `nothing was saved. The download may have been cut off (retry), or the file at that address changed.`,
    );
  }
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  const part = `${dest}.part-${process.pid}`;
  fs.writeFileSync(part, bytes);
  fs.renameSync(part, dest);
  return dest;
}

/** The checksum to verify: SHA-256, or MD5 when only that is given. */
function checksumOf(options: EnsureFileOptions): { name: string; expected: string; digest: (b: Uint8Array) => string } {
  if (options.sha256 == null && options.md5 != null) {
    const expected = options.md5.toLowerCase();
    if (!/^[0-9a-f]{32}$/.test(expected)) throw new Error(`ensureFile: expected md5 as 32 hex digits, got "${options.md5}"`);
    return { name: "MD5", expected, digest: (b) => createHash("md5").update(b).digest("hex") };
  }
  const expected = (options.sha256 ?? "").toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(expected)) throw new Error(`ensureFile: expected sha256 as 64 hex digits, got "${options.sha256}"`);
  return { name: "SHA-256", expected, digest: sha256Bytes };
}

/** Reads a URL's bytes; network trouble becomes an error that says what to do offline. */
async function fetchBytes(url: string, timeoutSeconds: number, offlineHint: string): Promise<Uint8Array> {
  const protocol = url.slice(0, url.indexOf(":") + 1);
  if (protocol === "file:") {
    const file = fileURLToPath(url);
    if (!fs.existsSync(file)) throw new Error(`ensureFile: ${url} does not exist. ${offlineHint}`);
    return fs.readFileSync(file);
  }
  if (protocol !== "http:" && protocol !== "https:") {
    throw new Error(`ensureFile: expected an http(s):// or file:// URL, got "${url}"`);
  }
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutSeconds * 1000), redirect: "follow" });
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message;
    throw new Error(`ensureFile: could not download ${url} (${cause}). This machine seems to be offline. ${offlineHint}`);
  }
  if (!response.ok) {
    throw new Error(`ensureFile: downloading ${url} failed with HTTP ${response.status} ${response.statusText}. ${offlineHint}`);
  }
  return new Uint8Array(await response.arrayBuffer());
}
