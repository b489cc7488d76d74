/**
 * The operating-system side of the sandbox: which wrapper commands and node flags confine the
 * student process. Mechanisms, strongest first; the grader uses the strongest that works here and
 * says which (see `isolationLevel`), never silently a weaker one:
 *
 * 1. `bwrap` (bubblewrap): new PID, network, IPC and UTS namespaces and a filesystem view that holds
 *    only the system's programs and libraries, node, the course's node_modules, the compiled lib,
 *    the harness and the sandbox folder (no host sockets, no /etc, no other submissions); the
 *    process runs as an unprivileged uid (65534, via setpriv when the grader is root);
 * 2. `unshare`: new PID and network namespaces (and an unprivileged uid when root), but the host's
 *    filesystem stays visible to the kernel (Unix sockets the uid may open are reachable);
 * 3. none: only Node's permission model below.
 *
 * Always, inside any of them: Node's permission model (read access only to the lib, node_modules
 * and the sandbox folder, write access only to scratch, no child processes, workers or addons);
 * file size (prlimit) and V8 heap limits. Resident memory and time are enforced from outside
 * (sandbox.ts, run.ts); inherited descriptors are closed by the trusted process (fds.ts).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { compiledLib } from "./libcache";
import { ROOT } from "../paths";

export { ROOT };

/** The unprivileged uid/gid the student runs as when the grader is root ("nobody" on Debian). */
export const SANDBOX_UID = 65534;

export type Mechanism = "bwrap" | "unshare" | "none";

export interface IsolationLevel {
  mechanism: Mechanism;
  /** What this level does not give, in words for the batch log (empty for bwrap as root). */
  missing: string[];
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
  /** Extra folders the student may read (a restricted copy of the lib). */
  lib?: string;
}

const isRoot = () => process.getuid?.() === 0;
const works = (cmd: string, args: string[]) => spawnSync(cmd, args, { stdio: "ignore", timeout: 20_000 }).status === 0;
const dropUid = () => (isRoot() ? ["setpriv", `--reuid=${SANDBOX_UID}`, `--regid=${SANDBOX_UID}`, "--clear-groups", "--no-new-privs", "--inh-caps=-all", "--bounding-set=-all", "--"] : []);

/** bwrap arguments: namespaces and the filesystem view (`binds`: read-only, `rw`: writable). */
function bwrapArgs(binds: string[], rw: string[]): string[] {
  const args = ["bwrap", "--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try", "--die-with-parent"];
  if (!isRoot()) args.push("--unshare-user");
  for (const top of ["/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"]) {
    if (!fs.existsSync(top)) continue;
    const st = fs.lstatSync(top);
    if (st.isSymbolicLink()) args.push("--symlink", fs.readlinkSync(top), top);
    else args.push("--ro-bind", top, top);
  }
  args.push("--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp");
  const system = ["/usr/", "/bin/", "/sbin/", "/lib"];
  const own = binds.filter((p) => !system.some((t) => p.startsWith(t)));
  // bwrap makes missing parents mode 0700, which the unprivileged uid could not pass through.
  const covered = (d: string) => [...own, ...rw].some((b) => d === b || d.startsWith(`${b}/`));
  const parents = [...new Set([...own, ...rw].flatMap(ancestors))].filter((d) => !covered(d) && d !== "/tmp").sort((a, b) => a.length - b.length);
  for (const d of parents) args.push("--perms", "0755", "--dir", d);
  for (const p of own) args.push("--ro-bind", p, p);
  for (const p of rw) args.push("--bind", p, p);
  return [...args, "--"];
}

/** "/a/b/c" -> ["/a", "/a/b"] */
const ancestors = (p: string): string[] => p.split("/").slice(1, -1).map((_, i, parts) => `/${parts.slice(0, i + 1).join("/")}`);

/** Everything node itself needs to start: its own folder (nvm and similar live outside /usr). */
const nodeDir = () => path.dirname(fs.realpathSync(process.execPath));

function wrappers(mechanism: Mechanism, o: { binds: string[]; rw: string[] }): string[] {
  if (mechanism === "bwrap") return [...bwrapArgs([nodeDir(), ...o.binds], o.rw), ...dropUid()];
  if (mechanism === "unshare") return ["unshare", "--pid", "--fork", "--kill-child", "--mount-proc", "--net", ...(isRoot() ? [] : ["--map-root-user"]), ...dropUid()];
  return [];
}

let level: IsolationLevel | undefined;
let hasPrlimit: boolean | undefined;

/** The strongest mechanism that starts node on this machine (probed once per process). */
export function isolationLevel(): IsolationLevel {
  if (level) return level;
  const probe = (m: Mechanism) => {
    const w = wrappers(m, { binds: [], rw: [] });
    return works(w[0], [...w.slice(1), process.execPath, "-e", "0"]);
  };
  const uid = isRoot() ? [] : ["runs as the grader's own uid (start the grader as root to drop to an unprivileged uid)"];
  if (probe("bwrap")) level = { mechanism: "bwrap", missing: uid };
  else if (probe("unshare")) level = { mechanism: "unshare", missing: ["no private filesystem view: Unix sockets and files the sandbox uid may open are reachable (install bubblewrap)", ...uid] };
  else level = { mechanism: "none", missing: ["no PID namespace: student code can signal the grader's processes", "no network namespace: student code can reach the network", "no private filesystem view (install bubblewrap, or run as root with unshare)"] };
  return level;
}

/** One line for the batch log saying how submissions are isolated here. */
export function describeIsolation(l: IsolationLevel = isolationLevel()): string {
  const what = { bwrap: "bubblewrap (PID, network, IPC namespaces; a filesystem view of the course only)", unshare: "unshare (PID and network namespaces)", none: "NO operating-system isolation" }[l.mechanism];
  return `${what}${isRoot() && l.mechanism !== "none" ? `, uid ${SANDBOX_UID}` : ""}; Node permission model${l.missing.length ? `. WEAKER THAN IT SHOULD BE: ${l.missing.join("; ")}` : ""}`;
}

/** The readable places: the course lib and its dependencies, nothing of the course's homework. */
function readable(o: IsolationOptions): string[] {
  return [path.join(ROOT, "node_modules"), o.lib ?? compiledLib(), path.join(ROOT, "package.json"), path.join(ROOT, "tsconfig.json"), path.join(ROOT, "grading", "inside"), fs.realpathSync(o.dir)];
}

/** The command line (wrappers, node, flags, harness, program) for one sandbox process. */
export function sandboxCommand(o: IsolationOptions, program: string): { cmd: string; args: string[]; level: IsolationLevel } {
  const read = readable(o);
  const node = [
    process.execPath,
    "--experimental-permission",
    // One flag per path: Node 20 ignores comma-separated lists.
    ...read.map((p) => (fs.existsSync(p) && fs.statSync(p).isDirectory() ? `--allow-fs-read=${p}/*` : `--allow-fs-read=${p}`)),
    `--allow-fs-write=${fs.realpathSync(o.scratch)}/*`,
    `--max-old-space-size=${o.heapMb}`,
    "--no-warnings",
    path.join(ROOT, "grading", "inside", "harness.cjs"),
    program,
    o.lib ?? compiledLib(),
  ];
  const l = isolationLevel();
  hasPrlimit ??= works("prlimit", ["--fsize=1000000", "--", "true"]);
  const limit = hasPrlimit ? ["prlimit", `--fsize=${o.maxFileBytes}`, "--"] : [];
  const full = [...limit, ...wrappers(l.mechanism, { binds: read.filter((p) => fs.existsSync(p)), rw: [fs.realpathSync(o.scratch)] }), ...node];
  return { cmd: full[0], args: full.slice(1), level: l };
}

/**
 * Hands what the trusted tests put into scratch (folders, archives) to the sandbox uid, so student
 * code can write where tests expect it to. Links are changed themselves, never followed.
 */
export function giveToSandbox(scratch: string): void {
  if (!isRoot()) return;
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (fs.lstatSync(p).uid !== SANDBOX_UID) fs.lchownSync(p, SANDBOX_UID, SANDBOX_UID);
      if (e.isDirectory()) walk(p);
    }
  };
  walk(scratch);
}

/**
 * Makes the sandbox folder usable by the unprivileged uid: the program readable, scratch writable.
 * Other submissions' folders stay out of reach by the filesystem view and the permission model.
 */
export function prepareSandboxDir(dir: string, scratch: string): void {
  fs.chmodSync(dir, 0o755);
  for (const f of fs.readdirSync(dir)) if (fs.statSync(path.join(dir, f)).isFile()) fs.chmodSync(path.join(dir, f), 0o644);
  if (isRoot()) fs.chownSync(scratch, SANDBOX_UID, SANDBOX_UID);
}
