/**
 * Hashing of exercise answers: a check cell stores a SHA-256 of the canonical form of the right
 * answer, so the notebook never shows the answer itself.
 */
import { createHash } from "node:crypto";
import { checkOptions } from "../core/options";

/** What an exercise answer can be: a number, a string, a boolean, or (nested) arrays of them. */
export type AnswerValue = number | string | boolean | AnswerValue[];

/** Options of {@link answerHash}. */
export interface AnswerHashOptions {
  /** Decimal places numbers are rounded to before hashing (default 0: integers). */
  digits?: number;
}

/**
 * The canonical text of an answer: numbers as `toFixed(digits)` (with `-0` written as `0`),
 * strings trimmed and lower-cased, arrays element by element.
 */
export function canonicalAnswer(value: AnswerValue, digits: number): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalAnswer(v, digits)).join(",")}]`;
  if (typeof value === "number") {
    const text = value.toFixed(digits);
    return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
  }
  if (typeof value === "string") return JSON.stringify(value.trim().toLowerCase());
  return String(value);
}

/**
 * SHA-256 (hex) of an answer's canonical form: what a check cell stores instead of the answer.
 * @param value the answer: a number, string, boolean, or array of them
 * @param options `digits`: decimal places numbers are rounded to (default 0)
 * @returns 64 hex characters
 * @throws TypeError when the value is not a finite number, string, boolean or array of them
 * @example
 * exercises.answerHash(0.708, { digits: 3 }) // the hash a check cell for "F1 ≈ 0.708" stores
 */
export function answerHash(value: AnswerValue, options: AnswerHashOptions = {}): string {
  checkOptions<AnswerHashOptions>("exercises.answerHash", options, { digits: true });
  assertAnswer(value, "answerHash");
  return createHash("sha256").update(canonicalAnswer(value, options.digits ?? 0)).digest("hex");
}

/** Throws a TypeError naming `where` unless value is a finite number, string, boolean or array of them. */
export function assertAnswer(value: unknown, where: string): asserts value is AnswerValue {
  const ok = (v: unknown): boolean =>
    Array.isArray(v) ? v.every(ok) : (typeof v === "number" && Number.isFinite(v)) || typeof v === "string" || typeof v === "boolean";
  if (!ok(value)) {
    throw new TypeError(`exercises.${where}: expected a finite number, a string, a boolean or an array of them, got ${describe(value)}`);
  }
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return `an array containing ${value.map(describe).find((d) => !/^(a number|a string|a boolean)/.test(d)) ?? "other values"}`;
  if (typeof value === "number") return `the number ${value}`;
  if (value === null) return "null";
  if (typeof value === "object") return `an object (${Object.prototype.toString.call(value)})`;
  return `a ${typeof value}`;
}
