/**
 * Resident memory and CPU time of a process and all its descendants, from /proc. The student's
 * node runs below wrappers (bwrap forks twice), so the process the grader spawned is not the one
 * that allocates; limits must count the whole tree.
 */
import fs from "node:fs";

interface Stat {
  ppid: number;
  /** user + system CPU time, ms */
  cpuMs: number;
  rssKb: number;
}

const PAGE_KB = 4;

/** Fields of /proc/PID/stat after the parenthesized command name (which may hold spaces). */
function stat(pid: number): Stat | null {
  try {
    const s = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = s.slice(s.lastIndexOf(")") + 2).split(" ");
    // f[1] ppid, f[11] utime, f[12] stime (clock ticks, USER_HZ 100), f[21] rss (pages)
    return { ppid: Number(f[1]), cpuMs: (Number(f[11]) + Number(f[12])) * 10, rssKb: Number(f[21]) * PAGE_KB };
  } catch {
    return null;
  }
}

/** `root` and every process below it, by a scan of /proc. */
export function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of fs.readdirSync("/proc")) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const s = stat(pid);
    if (s) children.set(s.ppid, [...(children.get(s.ppid) ?? []), pid]);
  }
  const out = [root];
  for (let i = 0; i < out.length; i++) out.push(...(children.get(out[i]) ?? []));
  return out;
}

/**
 * Tracks one process tree. The member list is rescanned at most every `rescanMs` (student code
 * cannot fork: the permission model forbids child processes), so a 50 ms memory poll stays cheap.
 */
export class ProcessTree {
  private pids: number[] = [];
  private scanned = 0;

  constructor(private root: number, private rescanMs = 500) {}

  /** Summed RSS (KiB) and CPU time (ms) of the tree; null once the root is gone. */
  usage(): { rssKb: number; cpuMs: number } | null {
    if (Date.now() - this.scanned > this.rescanMs || this.pids.length <= 1) {
      this.pids = descendants(this.root);
      this.scanned = Date.now();
    }
    let rssKb = 0;
    let cpuMs = 0;
    let rootAlive = false;
    for (const pid of this.pids) {
      const s = stat(pid);
      if (!s) continue;
      if (pid === this.root) rootAlive = true;
      rssKb += s.rssKb;
      cpuMs += s.cpuMs;
    }
    return rootAlive ? { rssKb, cpuMs } : null;
  }
}
