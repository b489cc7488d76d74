/**
 * Closing descriptors a grading process inherited. Node's permission model does not cover file
 * descriptors: a descriptor that the instructor's shell, a JupyterHub spawner or a CI runner left
 * open without close-on-exec would pass from the grader to every sandbox, readable by student code.
 * Node opens its own descriptors with O_CLOEXEC, so the inherited ones are exactly those without it.
 */
import fs from "node:fs";

const O_CLOEXEC = 0o2000000;

/** Closes every descriptor above stderr that lacks O_CLOEXEC; returns the numbers closed. */
export function closeInheritedFds(): number[] {
  if (!fs.existsSync("/proc/self/fdinfo")) return [];
  const closed: number[] = [];
  for (const name of fs.readdirSync("/proc/self/fd")) {
    const fd = Number(name);
    if (!Number.isInteger(fd) || fd <= 2) continue;
    try {
      const flags = /flags:\s+([0-7]+)/.exec(fs.readFileSync(`/proc/self/fdinfo/${fd}`, "utf8"));
      if (flags && (parseInt(flags[1], 8) & O_CLOEXEC) === 0) {
        fs.closeSync(fd);
        closed.push(fd);
      }
    } catch {
      /* closed meanwhile (the directory listing's own descriptor) */
    }
  }
  return closed;
}
