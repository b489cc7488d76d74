/**
 * What the kernel takes from its V8 startup snapshot (kernel/snapshot-entry.js): tslab's
 * TypeScript already loaded, and the declaration files every kernel parses (the standard library,
 * @types, tfjs's and the lib's declarations) already parsed and bound. Both are used only while
 * they match the files on disk: TypeScript by size and mtime of its file, each declaration file by
 * its full text, read when the compiler asks for it. Without a snapshot (or with a stale one) the
 * kernel starts as before.
 */
import Module from "node:module";
import type * as TS from "@tslab/typescript-for-tslab";

/** What kernel/snapshot-entry.js leaves on `globalThis.__dlcourseSnapshot__`. */
export interface SnapshotState {
  ts: typeof TS;
  tsPath: string;
  /** `${size}:${mtimeMs}` of tsPath when the snapshot was built */
  tsStamp: string;
  sourceFiles: Map<string, TS.SourceFile>;
}


let files: Map<string, TS.SourceFile> | null = null;
const hosts = new WeakSet<object>();
/** Counts for tests and the bench: files served from the snapshot, and files parsed anew because they changed. */
export const snapshotStats = { served: 0, stale: 0 };

/**
 * Puts the snapshot's TypeScript in require's cache under tsPath, when there is a snapshot and
 * its TypeScript is the one on disk.
 * @param tsPath - the resolved path of tslab's `@tslab/typescript-for-tslab`
 * @param stamp - `${size}:${mtimeMs}` of that file now
 * @returns "snapshot" when adopted, "stale" when a snapshot was there but built from another file, "none" without one
 */
export function adoptSnapshot(tsPath: string, stamp: string): "snapshot" | "stale" | "none" {
  const state = (globalThis as { __dlcourseSnapshot__?: SnapshotState }).__dlcourseSnapshot__;
  if (!state) return "none";
  delete (globalThis as { __dlcourseSnapshot__?: SnapshotState }).__dlcourseSnapshot__;
  if (state.tsPath !== tsPath || state.tsStamp !== stamp || require.cache[tsPath]) return "stale";
  const mod = new Module(tsPath) as Module & { loaded: boolean };
  mod.filename = tsPath;
  mod.exports = state.ts;
  mod.loaded = true;
  require.cache[tsPath] = mod;
  files = state.sourceFiles;
  return "snapshot";
}

/**
 * Serves the snapshot's parsed declaration files to a compiler host (the one tslab's watch
 * program hands to `createProgram`); a file whose text changed since is parsed as usual.
 * @param host - the compiler host; wrapped once
 */
export function serveSnapshotFiles(host: TS.CompilerHost): void {
  if (!files || hosts.has(host)) return;
  hosts.add(host);
  const cache = files;
  const verified = new WeakSet<TS.SourceFile>();
  const pick = (fileName: string, opts: TS.ScriptTarget | TS.CreateSourceFileOptions, fresh?: boolean): TS.SourceFile | undefined => {
    const f = cache.get(fileName);
    if (!f || fresh || !sameParse(f, opts)) return undefined;
    if (verified.has(f)) return f;
    if (host.readFile(fileName) !== f.text) {
      cache.delete(fileName);
      snapshotStats.stale++;
      return undefined;
    }
    verified.add(f);
    snapshotStats.served++;
    return f;
  };
  const byName = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, opts, onError, fresh) => pick(fileName, opts, fresh) ?? byName(fileName, opts, onError, fresh);
  const byPath = host.getSourceFileByPath?.bind(host);
  if (byPath) host.getSourceFileByPath = (fileName, p, opts, onError, fresh) => pick(fileName, opts, fresh) ?? byPath(fileName, p, opts, onError, fresh);
}

function sameParse(f: TS.SourceFile, opts: TS.ScriptTarget | TS.CreateSourceFileOptions): boolean {
  if (typeof opts !== "object") return f.languageVersion === opts;
  return f.languageVersion === opts.languageVersion && f.impliedNodeFormat === opts.impliedNodeFormat;
}
