/**
 * Where data sets live: one `datasets/` folder, chosen by the `DLCOURSE_DATA` environment
 * variable, else the repository's own `datasets/` (git-ignored, filled on first use).
 */
import fs from "node:fs";
import path from "node:path";

/** The repository's root: the nearest folder above this file whose package.json is the course's. */
function repoRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    try {
      if ((JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { name?: string }).name === "dlcourse-course") return dir;
    } catch {
      /* no package.json here (or not readable): look further up */
    }
    // Not found (a copy of lib/ outside the repo): lib/'s parent, as before.
    if (path.dirname(dir) === dir) return path.resolve(__dirname, "..", "..");
  }
}

/**
 * The repository's `datasets/` folder (beside `lib/`). Found by walking up, not as a fixed
 * `../..`: the kernel and the grader run the lib compiled into .cache/lib-js/ (scripts/lib-js.cjs).
 */
export const REPO_DATASETS = path.join(repoRoot(__dirname), "datasets");

/** Options for {@link dataDir}. */
export interface DataDirOptions {
  /** Folder to use instead of the default; relative paths resolve against the working dir. */
  dir?: string;
  /** Environment to read `DLCOURSE_DATA` from. Default `process.env`. */
  env?: Record<string, string | undefined>;
}

/**
 * Resolves the data folder: `options.dir`, else `$DLCOURSE_DATA`, else the repo's `datasets/`.
 * The folder need not exist yet (downloads create it).
 *
 * @param options - see {@link DataDirOptions}
 * @returns an absolute path
 * @throws Error if `DLCOURSE_DATA` is set but names something that is not a folder
 * @example
 * dataDir();                                  // "/home/me/dlcourse/datasets"
 * dataDir({ env: { DLCOURSE_DATA: "/data" } }); // "/data"
 */
export function dataDir(options: DataDirOptions = {}): string {
  if (options.dir != null) return path.resolve(options.dir);
  const fromEnv = (options.env ?? process.env).DLCOURSE_DATA;
  if (fromEnv == null || fromEnv === "") return REPO_DATASETS;
  const dir = path.resolve(fromEnv);
  if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory()) {
    throw new Error(`dataDir: DLCOURSE_DATA should name a folder, but ${dir} is a file; point it at the folder that holds sst2/`);
  }
  return dir;
}
