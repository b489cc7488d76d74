/**
 * The student version of an assignment, made by real nbgrader (generate_assignment) in a course
 * folder of its own, so the repo's source folder stays clean.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "./paths";

export const VENV_BIN = path.join(ROOT, ".venv", "bin");

/** Runs an nbgrader command in a course folder; throws with nbgrader's own error lines. */
export function nbgrader(course: string, args: string[]): string {
  const r = spawnSync(path.join(VENV_BIN, "nbgrader"), args, {
    cwd: course,
    encoding: "utf8",
    env: { ...process.env, PATH: `${VENV_BIN}:${process.env.PATH}` },
    maxBuffer: 1 << 26,
  });
  const log = `${r.stdout ?? ""}${r.stderr ?? ""}`;
  if (r.error) throw new Error(`nbgrader ${args[0]}: could not run ${VENV_BIN}/nbgrader (${r.error.message}); run npm run setup first`);
  if (r.status !== 0 || /\| ERROR\]/.test(log)) {
    const lines = log.split("\n").filter((l) => /ERROR|Error:|error:/.test(l)).slice(-6).join("\n");
    throw new Error(`nbgrader ${args.join(" ")} failed in ${course}:\n${lines}`);
  }
  return log;
}

/** Sets up `course` as an nbgrader course folder with the given assignments' sources. */
export function prepareCourse(course: string, assignments: string[], sourceRoot = path.join(ROOT, "notebooks", "homework", "source")): void {
  fs.mkdirSync(path.join(course, "source"), { recursive: true });
  fs.copyFileSync(path.join(ROOT, "notebooks", "homework", "nbgrader_config.py"), path.join(course, "nbgrader_config.py"));
  for (const a of assignments) {
    const from = path.join(sourceRoot, a);
    if (!fs.existsSync(from)) throw new Error(`release: no assignment "${a}" in ${sourceRoot}`);
    fs.rmSync(path.join(course, "source", a), { recursive: true, force: true });
    fs.cpSync(from, path.join(course, "source", a), { recursive: true });
  }
}

/** Generates the student version of `assignment` under `<out>/release/<assignment>/`; returns that folder. */
export function release(assignment: string, out: string, sourceRoot?: string): string {
  prepareCourse(out, [assignment], sourceRoot);
  nbgrader(out, ["generate_assignment", assignment, "--force"]);
  return path.join(out, "release", assignment);
}
