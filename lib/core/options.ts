/**
 * The options contract of every public function of the lib: one options object per function,
 * unknown keys rejected with an error naming the function and the key (a misspelled option must
 * not be silently ignored), values checked where a check is given. `resolveOptions` merges
 * defaults (optimizers, schedules, callbacks); `checkOptions` only checks the keys (layers,
 * initializers, losses, which read their defaults with `??`).
 */

/** A check for one option value: returns a description of what was expected, or null if fine. */
export type OptionCheck = (value: unknown) => string | null;

/**
 * Merges `given` over `defaults`, rejecting keys that `defaults` does not know and values that
 * fail their check.
 *
 * @param where - the public name used in messages, e.g. `"optim.Adam"`
 * @param given - the caller's options (may be undefined)
 * @param defaults - every known option with its default value
 * @param checks - per-option checks; options without one are only type-checked by TypeScript
 * @returns a new object with every option set
 * @throws Error `optim.Adam: unknown option "beta1" (known: lr, betas, ...)` for an unknown key
 * @throws Error `optim.Adam: expected lr >= 0, got -1` for a value that fails its check
 * @example
 * const o = resolveOptions("optim.SGD", { lr: 0.1 }, { lr: 1e-3, momentum: 0 }, { lr: nonNegative });
 */
export function resolveOptions<T extends object>(
  where: string,
  given: Partial<T> | undefined,
  defaults: T,
  checks: Partial<Record<keyof T, OptionCheck>>,
): T {
  const known = Object.keys(defaults);
  rejectUnknown(where, given, known);
  const out = { ...defaults } as T;
  for (const key of known as (keyof T)[]) {
    const value = given?.[key];
    if (value === undefined) continue;
    const problem = checks[key]?.(value);
    if (problem != null) throw new Error(`${where}: expected ${String(key)} ${problem}, got ${describe(value)}`);
    (out as Record<keyof T, unknown>)[key] = value;
  }
  return out;
}

function rejectUnknown(where: string, given: unknown, known: string[]): void {
  if (given != null && (typeof given !== "object" || Array.isArray(given))) {
    throw new Error(`${where}: expected an options object, got ${describe(given)}`);
  }
  for (const key of Object.keys(given ?? {})) {
    if (!known.includes(key)) {
      throw new Error(`${where}: unknown option "${key}" (known: ${known.join(", ")})`);
    }
  }
}

/** Every key of an options type, each listed once: `{ gain: true, truncated: true, seed: true }`. */
export type OptionKeys<T> = { [K in keyof Required<T>]: true };

/**
 * Checks that `given` is undefined or an object whose keys are all known (values are left to
 * the function, which reads its defaults with `??`).
 *
 * @param where - the public name used in messages, e.g. `"init.xavierUniform"`
 * @param given - the caller's options (may be undefined)
 * @param known - every key of the options type (TypeScript checks the list is complete)
 * @returns `given`, or `{}` if undefined
 * @throws Error `init.xavierUniform: unknown option "gian" (known: gain, truncated, seed)`
 * @example
 * checkOptions("nn.dropoutForward", options, { p: true, training: true, seed: true });
 */
export function checkOptions<T extends object>(where: string, given: T | undefined, known: OptionKeys<T>): T {
  rejectUnknown(where, given, Object.keys(known));
  return given ?? ({} as T);
}

/** Formats a value for an error message. */
export function describe(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(describe).join(", ")}]`;
  if (typeof value === "string") return JSON.stringify(value);
  return String(value);
}

const isNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/** A finite number >= 0. */
export const nonNegative: OptionCheck = (v) => (isNumber(v) && v >= 0 ? null : ">= 0");
/** A finite number > 0. */
export const positive: OptionCheck = (v) => (isNumber(v) && v > 0 ? null : "> 0");
/** A number in [0, 1). */
export const unitInterval: OptionCheck = (v) => (isNumber(v) && v >= 0 && v < 1 ? null : "in [0, 1)");
/** A number in [0, 1]. */
export const closedUnit: OptionCheck = (v) => (isNumber(v) && v >= 0 && v <= 1 ? null : "in [0, 1]");
/** A boolean. */
export const boolean: OptionCheck = (v) => (typeof v === "boolean" ? null : "to be true or false");
/** A positive integer. */
export const positiveInt: OptionCheck = (v) => (Number.isInteger(v) && (v as number) > 0 ? null : "a positive integer");
/** A non-negative integer. */
export const nonNegativeInt: OptionCheck = (v) => (Number.isInteger(v) && (v as number) >= 0 ? null : "a non-negative integer");
/** A pair [beta1, beta2], each in [0, 1). */
export const betaPair: OptionCheck = (v) =>
  Array.isArray(v) && v.length === 2 && v.every((b) => unitInterval(b) == null) ? null : "[beta1, beta2] with each in [0, 1)";

/** One of the listed strings. */
export function oneOf(...allowed: string[]): OptionCheck {
  return (v) => (typeof v === "string" && allowed.includes(v) ? null : `one of ${allowed.map((a) => `"${a}"`).join(", ")}`);
}
/** Any finite number. */
export const finiteCheck: OptionCheck = (v) => (isNumber(v) ? null : "a finite number");
