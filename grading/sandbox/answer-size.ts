/**
 * Checks an answer deserialized from the sandbox before any trusted code touches it. A v8 message
 * can be small and still describe a huge value: a sparse array of length 2^32-1 takes a few bytes,
 * and the first `Array.from` or `arraySync` of it costs gigabytes in the trusted process. So the
 * declared size of every array, typed array, Map, Set and object is counted (not what is stored),
 * and cycles (which v8 serialization keeps) are walked once.
 */

/** Largest answer in declared elements (all nested containers together). */
export const MAX_ANSWER_ELEMENTS = 1 << 24;

/**
 * Returns null when the value is within `max` elements, else what is too large, for the feedback.
 * @example
 * answerTooLarge([1, 2, 3]) // null
 * answerTooLarge(Object.assign([], { length: 2 ** 32 - 1 })) // "массив длины 4294967295 ..."
 */
export function answerTooLarge(value: unknown, max = MAX_ANSWER_ELEMENTS): string | null {
  const seen = new Set<object>();
  const stack: unknown[] = [value];
  let count = 0;
  while (stack.length) {
    const v = stack.pop();
    if (v === null || typeof v !== "object" || seen.has(v)) continue;
    seen.add(v);
    let n: number;
    let children: Iterable<unknown> = [];
    if (Array.isArray(v)) {
      n = v.length;
      if (n <= max - count) children = Object.values(v); // own elements only: holes cost nothing to visit
    } else if (ArrayBuffer.isView(v)) n = (v as unknown as { length?: number }).length ?? v.byteLength;
    else if (v instanceof Map) (n = v.size), (children = [...v.keys(), ...v.values()]);
    else if (v instanceof Set) (n = v.size), (children = v.values());
    else {
      const keys = Object.keys(v);
      n = keys.length;
      children = keys.map((k) => (v as Record<string, unknown>)[k]);
    }
    count += n;
    if (count > max) return `ответ слишком большой: ${Array.isArray(v) ? `массив длины ${n}` : `${n} элементов`} (всего больше ${max} элементов)`;
    for (const c of children) stack.push(c);
  }
  return null;
}
