/**
 * Maps positions in the JavaScript that tslab runs back to the TypeScript the user typed.
 *
 * tslab compiles a cell twice (TS -> ES module with its transformers, then ES module -> CommonJS)
 * and keeps no source map, so runtime stack traces point into generated code. We turn source maps
 * on for both steps by handing tslab a TypeScript facade with two functions wrapped (its `ts`
 * bindings are read-only getters, so the facade replaces the module in require's cache before
 * tslab loads it). The two maps ride in a marker comment on the compiled cell, which the executor
 * hook (see execute.ts) strips and keeps per cell. The same facade carries references.ts's
 * transformer into tslab's emit.
 */
import fs from "node:fs";
import path from "node:path";
import { withEarlierCellReferences } from "./references";
import { leanBuilderProgram } from "./lean-builder";
import { adoptSnapshot, serveSnapshotFiles } from "./snapshot";

/** Decoded mappings: per generated line, segments [genCol, srcLine, srcCol] (all 0-based). */
export type Mappings = Array<Array<[number, number, number]>>;

/** Both compilation steps of one cell: final JS -> intermediate JS -> cell source. */
export interface CellMap {
  commonjs: Mappings;
  esm: Mappings;
}

const MARK = "//# dlcourse-map=";
/** The file name tslab compiles cells under. */
const CELL_SOURCE = "__tslab__.ts";
const INLINE = /\n?\/\/# sourceMappingURL=data:application\/json;base64,([A-Za-z0-9+/=]+)\s*$/;
const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Decodes the `mappings` field of a version 3 source map (single source). */
export function decodeMappings(text: string): Mappings {
  const out: Mappings = [];
  let srcLine = 0;
  let srcCol = 0;
  for (const line of text.split(";")) {
    const segs: Array<[number, number, number]> = [];
    let genCol = 0;
    for (const seg of line.split(",")) {
      if (!seg) continue;
      const v = decodeVlq(seg);
      genCol += v[0];
      if (v.length < 4) continue;
      srcLine += v[2];
      srcCol += v[3];
      segs.push([genCol, srcLine, srcCol]);
    }
    out.push(segs);
  }
  return out;
}

function decodeVlq(seg: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of seg) {
    const digit = B64.indexOf(ch);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    values.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return values;
}

/** The source position of generated (line, col), 0-based; nearest earlier mapping wins. */
export function lookup(map: Mappings, line: number, col: number): { line: number; col: number } | null {
  for (let l = Math.min(line, map.length - 1); l >= 0; l--) {
    const segs = map[l];
    if (!segs.length) continue;
    if (l < line) return { line: segs[segs.length - 1][1], col: segs[segs.length - 1][2] };
    let best = segs[0];
    for (const s of segs) if (s[0] <= col) best = s;
    return { line: best[1], col: best[2] };
  }
  return null;
}

/** Maps a 1-based (line, col) of the executed cell code to the cell's own 1-based numbering. */
export function toCell(map: CellMap, line: number, col: number, prefixLine = 1): { line: number; col: number } | null {
  const mid = lookup(map.commonjs, line - 1, col - 1);
  const src = mid && lookup(map.esm, mid.line, mid.col);
  // tslab prefixes the cell with one line ("export {};") before compiling it.
  if (!src || src.line < prefixLine) return null;
  return { line: src.line - prefixLine + 1, col: src.col + 1 };
}

/** Splits the marker comment off compiled cell code: the code to run and its map, if any. */
export function takeMap(code: string): { code: string; map: CellMap | null } {
  const at = code.lastIndexOf(MARK);
  if (at < 0) return { code, map: null };
  const end = code.indexOf("\n", at);
  const json = Buffer.from(code.slice(at + MARK.length, end < 0 ? undefined : end), "base64").toString("utf8");
  return { code: code.slice(0, at) + (end < 0 ? "" : code.slice(end)), map: JSON.parse(json) as CellMap };
}

type TsModule = typeof import("@tslab/typescript-for-tslab");
let installed = false;
// "dlcourse" resolved to the lib's declaration files while they match its sources (scripts/lib-types.cjs).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const libTypes = require("../scripts/lib-types.cjs") as { kernelCompilerOptions(): Record<string, unknown> };

/**
 * Installs the TypeScript facade for tslab: source maps (here) and the fix for references to
 * earlier cells' names (references.ts). Must run before anything loads tslab/dist/converter.
 */
export function installCompilerHooks(): void {
  if (installed) return;
  installed = true;
  const tslabDist = path.dirname(require.resolve("tslab/dist/converter"));
  const tsPath = require.resolve("@tslab/typescript-for-tslab", { paths: [tslabDist] });
  const stat = fs.statSync(tsPath);
  adoptSnapshot(tsPath, `${stat.size}:${stat.mtimeMs}`);
  const ts = require(tsPath) as TsModule;
  const facade: Record<string, unknown> = {};
  const wrapped = new Set(["createWatchCompilerHost", "transpileModule"]);
  for (const key of Object.keys(ts)) {
    if (!wrapped.has(key)) Object.defineProperty(facade, key, { get: () => (ts as Record<string, unknown>)[key], enumerable: true });
  }
  // Step 1 (the watch program that type-checks and emits cells): inline source maps, the lib's
  // declarations, and our transformer in each emit (tslab passes no createProgram: the default builder is used).
  const createWatchCompilerHost = ts.createWatchCompilerHost as (...a: unknown[]) => unknown;
  // DLCOURSE_KERNEL_TS_BUILDER=1: TypeScript's own builder program (A/B, debugging).
  const withReferences = withEarlierCellReferences(ts, process.env.DLCOURSE_KERNEL_TS_BUILDER === "1" ? undefined : leanBuilderProgram(ts));
  // The snapshot's parsed declaration files are served to the host the watch program creates (snapshot.ts).
  const createProgram: typeof withReferences = (roots, options, host, ...rest) => (host && serveSnapshotFiles(host), withReferences(roots, options, host, ...rest));
  facade.createWatchCompilerHost = (roots: string[], options: Record<string, unknown>, sys: unknown, given: unknown, ...rest: unknown[]) =>
    createWatchCompilerHost(roots, { ...options, ...libTypes.kernelCompilerOptions(), inlineSourceMap: true }, sys, given ?? createProgram, ...rest);
  // Step 2 (ES module -> CommonJS): compose its map with step 1's and leave both in a marker.
  facade.transpileModule = (input: string, opts: import("@tslab/typescript-for-tslab").TranspileOptions) => {
    const inline = INLINE.exec(input);
    if (!inline) return ts.transpileModule(input, opts);
    const esm = JSON.parse(Buffer.from(inline[1], "base64").toString("utf8")) as { mappings: string; sources?: string[] };
    // Only cells need maps; files a cell imports (tslab "side outputs") are compiled as before.
    if (!esm.sources?.some((s) => s.endsWith(CELL_SOURCE))) return ts.transpileModule(input.slice(0, inline.index), opts);
    const out = ts.transpileModule(input.slice(0, inline.index), { ...opts, compilerOptions: { ...opts.compilerOptions, sourceMap: true } });
    const cjs = JSON.parse(out.sourceMapText ?? '{"mappings":""}') as { mappings: string };
    const map: CellMap = { commonjs: decodeMappings(cjs.mappings), esm: decodeMappings(esm.mappings) };
    const code = out.outputText.replace(/\/\/# sourceMappingURL=\S*\s*$/, "");
    return { ...out, outputText: `${code}${MARK}${Buffer.from(JSON.stringify(map)).toString("base64")}\n` };
  };
  const cached = require.cache[tsPath];
  if (!cached) throw new Error(`kernel: TypeScript for tslab was not loaded from ${tsPath}`);
  cached.exports = facade;
}
