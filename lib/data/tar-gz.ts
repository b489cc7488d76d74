/**
 * Reading and writing gzip-compressed tar archives (the ustar layout of `cifar-10-binary.tar.gz`):
 * 512-byte headers (name in bytes 0-99, size as octal ASCII in 124-135, type in 156), contents
 * padded to 512 bytes, two zero blocks at the end.
 */
import zlib from "node:zlib";

const BLOCK = 512;

/**
 * The regular files of a .tar.gz archive.
 *
 * @param bytes - the compressed archive
 * @returns a Map from each file's path inside the archive to its bytes (views into one buffer)
 * @throws Error if the bytes are not gzip data, or a header's size runs past the end of the archive
 * @example
 * const files = readTarGz(fs.readFileSync("cifar-10-binary.tar.gz"));
 * files.get("cifar-10-batches-bin/test_batch.bin")!.length; // 30730000
 */
export function readTarGz(bytes: Uint8Array): Map<string, Uint8Array> {
  let tar: Buffer;
  try {
    tar = zlib.gunzipSync(bytes);
  } catch (err) {
    throw new Error(`readTarGz: expected gzip-compressed data, got bytes that do not decompress (${(err as Error).message})`);
  }
  const files = new Map<string, Uint8Array>();
  for (let at = 0; at + BLOCK <= tar.length; ) {
    const header = tar.subarray(at, at + BLOCK);
    if (header.every((b) => b === 0)) break;
    const field = (from: number, to: number) => header.subarray(from, to).toString("latin1").replace(/\0.*$/s, "").trim();
    const prefix = field(345, 500);
    const name = prefix ? `${prefix}/${field(0, 100)}` : field(0, 100);
    const size = parseInt(field(124, 136) || "0", 8);
    if (at + BLOCK + size > tar.length) throw new Error(`readTarGz: ${name} claims ${size} bytes, past the end of the archive`);
    if (header[156] === 0x30 || header[156] === 0) files.set(name, new Uint8Array(tar.buffer, tar.byteOffset + at + BLOCK, size));
    at += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
  }
  return files;
}

function header(name: string, size: number): Uint8Array {
  if (Buffer.byteLength(name) > 99) throw new Error(`writeTarGz: expected file names under 100 bytes, got "${name}"`);
  const h = Buffer.alloc(BLOCK);
  const put = (text: string, at: number) => h.write(text, at, "latin1");
  put(name, 0);
  put("0000644\0", 100);
  put("0000000\0", 108);
  put("0000000\0", 116);
  put(`${size.toString(8).padStart(11, "0")}\0`, 124);
  put("11317235400\0", 136); // 2010-01-01, fixed so that archives are reproducible
  put("        ", 148);
  put("0", 156);
  put("ustar\u000000", 257);
  const sum = h.reduce((s, b) => s + b, 0);
  put(`${sum.toString(8).padStart(6, "0")}\0 `, 148);
  return h;
}

/**
 * A deterministic .tar.gz archive (ustar, fixed times and modes) of the given files.
 *
 * @param files - [path inside the archive, contents] pairs, in archive order
 * @returns the compressed archive
 * @throws Error if a path is 100 bytes or longer
 * @example
 * const gz = writeTarGz([["dir/a.bin", new Uint8Array([1, 2, 3])]]);
 * readTarGz(gz).get("dir/a.bin"); // Uint8Array [1, 2, 3]
 */
export function writeTarGz(files: [string, Uint8Array][]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const [name, data] of files) {
    parts.push(header(name, data.length), data, new Uint8Array((BLOCK - (data.length % BLOCK)) % BLOCK));
  }
  parts.push(new Uint8Array(2 * BLOCK));
  return new Uint8Array(zlib.gzipSync(Buffer.concat(parts), { level: 6 }));
}
