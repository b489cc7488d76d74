/**
 * What the engine's hand-assembled WebAssembly modules share (fused/simd.ts, gemm/module.ts and
 * gemm/scan.ts, conv-filter-simd.ts, maxpool-grad-simd.ts): the binary encoding (LEB128 numbers,
 * vectors, names, sections, SIMD opcodes, constants, memory arguments, the import of
 * tfjs-backend-wasm's memory) and their instantiation on that memory, single-threaded or shared.
 * Built in memory, so the course needs no wasm toolchain.
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
/** `i32.const n`. */
export const i32 = (n: number): Code => [0x41, ...sleb(n)];
/** A load's or store's memory argument: alignment hint 4 bytes, then the byte `offset`. */
export const mem = (offset = 0): Code => [2, ...uleb(offset)];
/** `local l += by`, for an i32 local `l` and code `by` that leaves an i32. */
export const addTo = (l: number, by: Code): Code => [...get(l), ...by, 0x6a, ...set(l)];
export const simd = (op: number): Code => [0xfd, ...uleb(op)];
export const vec = (items: Code[]): Code => [...uleb(items.length), ...items.flat()];
export const str = (s: string): Code => vec(Array.from(s, (c) => [c.charCodeAt(0)]));
export const section = (id: number, body: Code): Code => [id, ...uleb(body.length), ...body];
/** `while (!exit) body` as block/loop: `exit` leaves an i32 on the stack. */
export const loop = (exit: Code, body: Code): Code => [0x02, 0x40, 0x03, 0x40, ...exit, 0x0d, 1, ...body, 0x0c, 0, 0x0b, 0x0b];

/**
 * The import section entry `env.memory`: min 0 and no max, or, for the threaded build's shared
 * memory (lib/engine/wasm-threads.ts), shared with its 4 GiB max (a shared memory needs a max).
 *
 * @param shared - whether tfjs-backend-wasm's memory is a SharedArrayBuffer
 */
export function memoryImport(shared: boolean): Code {
  return [...str("env"), ...str("memory"), 0x02, ...(shared ? [0x03, 0x00, ...uleb(65536)] : [0x00, 0x00])];
}

/** A `WebAssembly.Memory` (typed here: the course's tsconfig has no DOM lib, where it is declared). */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
}

/** The part of tfjs-backend-wasm's module that holds its memory. */
export interface WasmModuleMemory {
  /** The single-threaded build exports its memory; the threaded one imports it (./wasm-threads.ts). */
  asm: { memory?: WasmMemory };
  wasmMemory?: WasmMemory;
}

/** The module with its allocator: scratch blocks on the heap that no tensor owns (freed by whoever took them). */
export interface WasmHeapModule extends WasmModuleMemory {
  _malloc(bytes: number): number;
  _free(ptr: number): void;
}

/**
 * tfjs-backend-wasm's memory, whichever build runs.
 *
 * @param wasm - the backend's `wasm` module object
 * @returns its WebAssembly.Memory
 */
export function backendMemory(wasm: WasmModuleMemory): WasmMemory {
  return (wasm.asm.memory ?? wasm.wasmMemory)!;
}

const isShared = (m: WasmMemory) => typeof SharedArrayBuffer === "function" && m.buffer instanceof SharedArrayBuffer;

interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: object };
}
const WA = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
const instances = new WeakMap<(shared: boolean) => Uint8Array, WeakMap<WasmMemory, object | null>>();

/**
 * The module `bytes` builds, instantiated on `memory` (its `env.memory` import, shared or not),
 * once per builder and memory.
 *
 * @param bytes - the module's builder, given whether the memory is shared
 * @param memory - tfjs-backend-wasm's memory ({@link backendMemory})
 * @param imports - the module's other `env` imports (JS functions); the same for every call with
 *   these bytes, since the instance is made once (default none)
 * @returns the module's exports, or null where it does not instantiate (no wasm SIMD): the
 *   callers then take their other path
 */
export function instantiateOn<E>(bytes: (shared: boolean) => Uint8Array, memory: WasmMemory, imports: Record<string, unknown> = {}): E | null {
  let byMemory = instances.get(bytes);
  if (byMemory == null) instances.set(bytes, (byMemory = new WeakMap()));
  if (!byMemory.has(memory)) {
    let e: object | null = null;
    try {
      e = new WA.Instance(new WA.Module(bytes(isShared(memory))), { env: { ...imports, memory } }).exports;
    } catch {
      e = null;
    }
    byMemory.set(memory, e);
  }
  return byMemory.get(memory) as E | null;
}
