/**
 * The WebAssembly binary encoding the engine's hand-assembled modules share (fused/simd.ts,
 * gemm/module.ts): LEB128 numbers, vectors, names, sections, locals, SIMD opcodes and the import
 * of tfjs-backend-wasm's memory. Built in memory, so the course needs no wasm toolchain.
 */
export type Code = number[];

/** Value types. */
export const I32 = 0x7f, F32 = 0x7d, V128 = 0x7b;

/** Unsigned LEB128. */
export function uleb(n: number): Code {
  const out: Code = [];
  do {
    const b = n & 0x7f;
    n >>>= 7;
    out.push(n ? b | 0x80 : b);
  } while (n);
  return out;
}

/** Signed LEB128. */
export function sleb(n: number): Code {
  const out: Code = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && !(b & 0x40)) || (n === -1 && b & 0x40)) return [...out, b];
    out.push(b | 0x80);
  }
}

export const get = (i: number): Code => [0x20, ...uleb(i)];
export const set = (i: number): Code => [0x21, ...uleb(i)];
export const simd = (op: number): Code => [0xfd, ...uleb(op)];
export const vec = (items: Code[]): Code => [...uleb(items.length), ...items.flat()];
export const str = (s: string): Code => vec(Array.from(s, (c) => [c.charCodeAt(0)]));
export const section = (id: number, body: Code): Code => [id, ...uleb(body.length), ...body];

/**
 * The import section entry `env.memory`: min 0 and no max, or, for the threaded build's shared
 * memory (lib/engine/wasm-threads.ts), shared with its 4 GiB max (a shared memory needs a max).
 *
 * @param shared - whether tfjs-backend-wasm's memory is a SharedArrayBuffer
 */
export function memoryImport(shared: boolean): Code {
  return [...str("env"), ...str("memory"), 0x02, ...(shared ? [0x03, 0x00, ...uleb(65536)] : [0x00, 0x00])];
}

/** Whether a WebAssembly.Memory is shared (the threaded build's). */
export function isSharedMemory(m: object): boolean {
  return typeof SharedArrayBuffer === "function" && (m as { buffer?: unknown }).buffer instanceof SharedArrayBuffer;
}
