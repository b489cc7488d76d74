/**
 * The plain-text form of a cell's last value (the `text/plain` of its execute_result), the
 * counterpart of a Python repr.
 *
 * Data prints in full, as `util.inspect` shows it (4 levels deep, 100 items per array): numbers,
 * strings, arrays, plain objects, Maps, typed arrays, dates, errors. A tensor prints its values.
 * An instance of a class is summarised instead, one level deep: its class name and own fields,
 * where class instances inside are only named (`model: [Sequential]`), tensors show dtype and
 * shape, arrays their first items (numbers in them to 4 significant digits) and length. So `await model.fit(...)` (a tfjs `History`) or a
 * model prints a few lines rather than hundreds, while `history.history`, a plain object, still
 * prints every number. Objects with their own `[util.inspect.custom]` print their own way.
 */
import util from "node:util";

/** How plain data prints (as before class instances were summarised). */
const DATA = { depth: 4, maxArrayLength: 100, breakLength: 100 } as const;
/** How one field of a summarised class instance prints (5 items: util.inspect lays out more in columns). */
const FIELD = { depth: 1, maxArrayLength: 5, breakLength: 100, maxStringLength: 120, digits: 4 } as const;
/** Fields shown of one class instance; the rest are counted. */
const MAX_FIELDS = 16;
/** A summary this short (and without line breaks) stays on one line. */
const ONE_LINE = 96;

interface TensorLike {
  dataSync(): unknown;
  shape: number[];
  dtype: string;
  isDisposed?: boolean;
  toString(): string;
}

function isTensor(v: object): v is TensorLike {
  const t = v as Partial<TensorLike>;
  return typeof t.dataSync === "function" && Array.isArray(t.shape);
}

function tensorHead(t: TensorLike): string {
  return `Tensor ${t.dtype} [${t.shape.join(", ")}]${t.isDisposed ? " (disposed)" : ""}`;
}

/** A tensor's values (tfjs abbreviates large ones), or its dtype and shape once disposed. */
function tensorText(t: TensorLike): string {
  if (t.isDisposed) return tensorHead(t);
  try {
    return t.toString();
  } catch {
    return tensorHead(t);
  }
}

/** Built-in kinds util.inspect already prints well (and compactly). */
function isBuiltin(v: object): boolean {
  const k = util.types;
  return k.isDate(v) || k.isRegExp(v) || k.isNativeError(v) || k.isMap(v) || k.isSet(v) || k.isWeakMap(v) || k.isWeakSet(v) ||
    k.isPromise(v) || k.isAnyArrayBuffer(v) || k.isArrayBufferView(v) || k.isBoxedPrimitive(v) || k.isProxy(v) ||
    k.isGeneratorObject(v) || k.isMapIterator(v) || k.isSetIterator(v) || k.isModuleNamespaceObject(v);
}

function className(v: object): string {
  const ctor = (Object.getPrototypeOf(v) as { constructor?: { name?: unknown } } | null)?.constructor;
  return typeof ctor?.name === "string" && ctor.name ? ctor.name : "Object";
}

/** An object made by a class (or a prototype other than Object's), not data nor a built-in. */
function isClassInstance(v: object): boolean {
  if (Array.isArray(v) || typeof v === "function" || isBuiltin(v)) return false;
  const proto = Object.getPrototypeOf(v) as object | null;
  if (proto === Object.prototype || proto === null) return false;
  return typeof (v as { [util.inspect.custom]?: unknown })[util.inspect.custom] !== "function";
}

/** A stand-in that util.inspect prints as `text`, verbatim. */
function verbatim(text: string): object {
  return { [util.inspect.custom]: () => text };
}

const isObject = (x: unknown): boolean => typeof x === "object" && x !== null;

/**
 * A copy of an array or plain object with its items mapped by `f`, or the value itself if no
 * item needs it (`f` changes only objects, and `numbers` says whether it changes numbers).
 */
function mapped(v: object, f: (item: unknown) => unknown, maxItems: number, numbers = false): unknown {
  const changes = (x: unknown) => isObject(x) || (numbers && typeof x === "number");
  if (Array.isArray(v)) {
    // One item more than shown: util.inspect aligns numbers only if that one is a number too.
    const n = Math.min(v.length, maxItems + 1);
    if (!v.slice(0, n).some(changes)) return v;
    // Same length, so util.inspect still counts the items not shown.
    const out: unknown[] = new Array(v.length);
    for (let i = 0; i < n; i++) out[i] = f(v[i]);
    return out;
  }
  const proto = Object.getPrototypeOf(v) as object | null;
  if (proto !== Object.prototype && proto !== null) return v;
  const descriptors = Object.values(Object.getOwnPropertyDescriptors(v)) as PropertyDescriptor[];
  if (!descriptors.some((d) => "value" in d && changes(d.value))) return v;
  const out = Object.create(proto) as Record<PropertyKey, unknown>;
  for (const key of Reflect.ownKeys(v)) {
    const d = Object.getOwnPropertyDescriptor(v, key);
    if (!d?.enumerable) continue;
    // Getters stay getters (util.inspect shows "[Getter]" without running them).
    Object.defineProperty(out, key, "value" in d ? { ...d, value: f(d.value) } : d);
  }
  return out;
}

function dataView(v: unknown, level: number): unknown {
  if (typeof v !== "object" || v === null || level > DATA.depth) return v;
  if (isTensor(v)) return verbatim(tensorText(v));
  if (isClassInstance(v)) return verbatim(summary(v));
  return mapped(v, (item) => dataView(item, level + 1), DATA.maxArrayLength);
}

function fieldView(v: unknown, level: number): unknown {
  // Numbers inside a field's arrays and objects (a loss curve) are rounded; the field itself is not.
  if (typeof v === "number" && level > 0 && !Number.isInteger(v)) return verbatim(String(Number(v.toPrecision(FIELD.digits))));
  if (typeof v !== "object" || v === null || level > FIELD.depth) return v;
  if (isTensor(v)) return verbatim(tensorHead(v));
  if (isClassInstance(v)) return verbatim(`[${className(v)}]`);
  return mapped(v, (item) => fieldView(item, level + 1), FIELD.maxArrayLength, true);
}

function keyText(key: string | symbol): string {
  if (typeof key === "symbol") return `[${key.toString()}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : util.inspect(key);
}

function fieldText(obj: object, key: string | symbol): string {
  const d = Object.getOwnPropertyDescriptor(obj, key);
  if (d && !("value" in d)) return d.get && d.set ? "[Getter/Setter]" : d.get ? "[Getter]" : "[Setter]";
  return util.inspect(fieldView(d?.value, 0), FIELD);
}

/** `Name { field: value, ... }`: own enumerable fields, one level deep. */
export function summary(obj: object): string {
  const name = className(obj);
  const keys = Reflect.ownKeys(obj).filter((k) => Object.prototype.propertyIsEnumerable.call(obj, k));
  const entries = keys.slice(0, MAX_FIELDS).map((k) => `${keyText(k)}: ${fieldText(obj, k)}`);
  if (keys.length > MAX_FIELDS) entries.push(`... ${keys.length - MAX_FIELDS} more fields`);
  if (!entries.length) return `${name} {}`;
  const line = `${name} { ${entries.join(", ")} }`;
  if (line.length <= ONE_LINE && !line.includes("\n")) return line;
  return `${name} {\n${entries.map((e) => `  ${e.replaceAll("\n", "\n  ")}`).join(",\n")}\n}`;
}

/** The plain-text form of a value (see the module comment for the rules). */
export function plainText(value: unknown): string {
  if (typeof value === "object" && value !== null && isTensor(value)) return tensorText(value);
  return util.inspect(dataView(value, 0), DATA);
}
