/**
 * Runs a Python unittest module of tests/kernel in the project's .venv (jupyter_client,
 * jupyter_kernel_test, nbclient live there) and reports its outcome to node's test runner.
 */
import { spawn } from "node:child_process";
import path from "node:path";

export const ROOT = path.resolve(__dirname, "..", "..");
export const PYTHON = path.join(ROOT, ".venv", "bin", "python");

/** Result of one unittest run: exit status and everything it printed. */
export interface PythonRun {
  status: number | null;
  output: string;
}

/** Runs `python -m unittest -v <file>` from the repo root; never rejects on test failure. */
export function runUnittest(file: string, timeoutMs = 1_200_000): Promise<PythonRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, ["-m", "unittest", "-v", file], {
      cwd: ROOT,
      env: { ...process.env, JUPYTER_PLATFORM_DIRS: "1", PYTHONUNBUFFERED: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, output });
    });
  });
}

/** Throws with the whole unittest output unless the run passed and ran at least `minTests`. */
export function assertPassed(run: PythonRun, minTests: number): void {
  const ran = Number(/^Ran (\d+) tests?/m.exec(run.output)?.[1] ?? 0);
  if (run.status !== 0 || ran < minTests || !/^OK\b/m.test(run.output)) {
    throw new Error(`python unittest failed (exit ${run.status}, ${ran} tests ran, expected at least ${minTests}):\n${run.output}`);
  }
}
