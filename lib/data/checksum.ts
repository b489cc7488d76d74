/**
 * SHA-256 of files, to tell a complete, unaltered download from a truncated or different one.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";

/**
 * Hex SHA-256 of a file's bytes.
 *
 * @param file - path of the file
 * @returns 64 lowercase hex digits
 * @throws Error (ENOENT) if the file does not exist
 * @example
 * sha256File("datasets/sst2/train.tsv"); // "ec192f83..."
 */
export function sha256File(file: string): string {
  return createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

/** Hex SHA-256 of bytes in memory. */
export function sha256Bytes(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}
