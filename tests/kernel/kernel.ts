/**
 * The course kernel's cell runner in this process (no Jupyter, no ZeroMQ): runs cells one after
 * another like a notebook does, for tests of what cells compute and how they fail.
 */
import path from "node:path";
import { installCompilerHooks } from "../../kernel/sourcemap";
import type { CellOutcome, CellRunner } from "../../kernel/execute";
import type { ErrorContent } from "../../kernel/traceback";

const ROOT = path.resolve(__dirname, "..", "..");
const ANSI = /\x1b\[[0-9;]*m/g;

/** A notebook session: cells numbered from 1, each labelled `Cell In[n]` in tracebacks. */
export interface Session {
  /** Runs a cell; resolves to its outcome and number. */
  run(source: string): Promise<{ n: number; outcome: CellOutcome }>;
  /** Runs a cell that must succeed; resolves to its last expression's value (undefined if none). */
  value(source: string): Promise<unknown>;
  /** Runs a cell that must fail; resolves to its error with the traceback as plain text. */
  error(source: string): Promise<{ n: number; ename: string; evalue: string; traceback: string }>;
  close(): void;
}

function describe(error: ErrorContent): string {
  return `${error.ename}: ${error.evalue}\n${error.traceback.join("\n").replace(ANSI, "")}`;
}

/** Starts a session (the TypeScript facade is installed before tslab's converter first loads). */
export function session(): Session {
  installCompilerHooks();
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- must load after the facade
  const { CellRunner: Runner } = require("../../kernel/execute") as { CellRunner: new (root: string) => CellRunner };
  const runner = new Runner(ROOT);
  let count = 0;
  const run = async (source: string) => {
    const n = ++count;
    const outcome = await runner.run(source, { label: `Cell In[${n}]`, stderr: (text) => process.stderr.write(text) });
    return { n, outcome };
  };
  return {
    run,
    async value(source) {
      const { n, outcome } = await run(source);
      if (!outcome.ok) throw new Error(`Cell In[${n}] failed:\n${source}\n${describe(outcome.error)}`);
      return outcome.value?.v;
    },
    async error(source) {
      const { n, outcome } = await run(source);
      if (outcome.ok) throw new Error(`Cell In[${n}] was expected to fail but succeeded:\n${source}`);
      const { ename, evalue, traceback } = outcome.error;
      return { n, ename, evalue, traceback: traceback.join("\n").replace(ANSI, "") };
    },
    close: () => runner.close(),
  };
}
