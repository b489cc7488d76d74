/**
 * The operating-system side of the sandbox: which wrapper commands and node flags confine the
 * student process. Layers, each independent of student code:
 * - Node's permission model: read access only to the lib, node_modules and the sandbox folder,
 *   write access only to the sandbox's scratch folder, no child processes, no workers, no addons;
 * - a fresh network namespace (`unshare --net`): no interface but a downed loopback, so no network;
 * - resource limits: file size (prlimit), V8 heap (--max-old-space-size); resident memory and
 *   wall-clock time are enforced from outside by the grader (see sandbox.ts).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { compiledLib } from "./libcache";
import { ROOT } from "../paths";

export { ROOT };

let netWrapper: string[] | null | undefined;
let hasPrlimit: boolean | undefined;

const works = (cmd: string, args: string[]) => spawnSync(cmd, args, { stdio: "ignore" }).status === 0;

/** `unshare --net` (as root) or with a user namespace; null when neither works here. */
export function networkWrapper(): string[] | null {
  if (netWrapper !== undefined) return netWrapper;
  for (const w of [["unshare", "--net"], ["unshare", "--net", "--map-root-user"]]) {
    if (works(w[0], [...w.slice(1), "true"])) return (netWrapper = w);
  }
  return (netWrapper = null);
}

export interface IsolationOptions {
  /** The sandbox folder: the student program and the files tests hand over (read-only to it). */
  dir: string;
  /** Where the student may write (inside `dir`). */
  scratch: string;
  /** V8 heap limit, MiB. */
  heapMb: number;
  /** Largest file the student may write, bytes. */
  maxFileBytes: number;
}

/** The readable places: the course lib and its dependencies, nothing of the course's homework. */
function readable(dir: string): string[] {
  const real = (p: string) => (fs.existsSync(p) ? fs.realpathSync(p) : p);
  return [
    path.join(ROOT, "node_modules") + "/*",
    compiledLib() + "/*",
    path.join(ROOT, "package.json"),
    path.join(ROOT, "tsconfig.json"),
    path.join(ROOT, "grading", "sandbox") + "/*",
    real(dir) + "/*",
  ];
}

/** The command line (wrappers, node, flags, harness, program) for one sandbox process. */
export function sandboxCommand(o: IsolationOptions, program: string): { cmd: string; args: string[]; networkIsolated: boolean } {
  const node = [
    process.execPath,
    "--experimental-permission",
    // One flag per path: Node 20 ignores comma-separated lists.
    ...readable(o.dir).map((p) => `--allow-fs-read=${p}`),
    `--allow-fs-write=${fs.realpathSync(o.scratch)}/*`,
    `--max-old-space-size=${o.heapMb}`,
    "--no-warnings",
    path.join(ROOT, "grading", "sandbox", "harness.cjs"),
    program,
    compiledLib(),
  ];
  const net = networkWrapper();
  hasPrlimit ??= works("prlimit", ["--fsize=1000000", "--", "true"]);
  const limit = hasPrlimit ? ["prlimit", `--fsize=${o.maxFileBytes}`, "--"] : [];
  const full = [...limit, ...(net ?? []), ...node];
  return { cmd: full[0], args: full.slice(1), networkIsolated: net != null };
}
