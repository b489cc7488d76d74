/**
 * The course kernel's request handler: tslab's JupyterHandlerImpl (completion, inspection,
 * is_complete kept as upstream) with execution redone to speak the protocol properly:
 * execute_input, execute_result with Out[n], error messages with ename/evalue/traceback,
 * stop_on_error honoured, aborted replies, and input history.
 */
import { JupyterHandlerImpl } from "tslab/dist/jupyter";
import { isDisplayable, type MimeBundle } from "dlcourse/display/types";
import type { CellRunner } from "./execute";
import { History } from "./history";
import { plainText } from "./repr";
import type { Output, Publish } from "./output";
import { ABORTED, ExecQueue } from "./queue";

/** An `execute_request`'s content (Jupyter messaging spec). */
export interface ExecuteRequest {
  code: string;
  silent?: boolean;
  store_history?: boolean;
  stop_on_error?: boolean;
}

/** Milliseconds after a stop_on_error failure during which arriving requests are aborted too. */
const ABORT_WINDOW_MS = 200;

/** The bundle for a cell's last value: its own `toBundle()` if it has one, else plain text. */
export function resultBundle(value: unknown, warn: (text: string) => void): MimeBundle {
  if (!isDisplayable(value)) return { "text/plain": plainText(value) };
  try {
    const bundle = value.toBundle();
    if (typeof bundle?.["text/plain"] === "string") return bundle;
    warn("toBundle() returned no text/plain entry; showing the value as text\n");
  } catch (e) {
    warn(`toBundle() failed (${e instanceof Error ? e.message : String(e)}); showing the value as text\n`);
  }
  return { "text/plain": plainText(value) };
}

export class CourseHandler extends JupyterHandlerImpl {
  readonly history = new History();
  private readonly queue = new ExecQueue();
  private count = 0;

  constructor(private readonly runner: CellRunner, private readonly output: Output, private readonly info: { ts: string; tslab: string }) {
    super(runner.executor, false);
  }

  override handleKernel(): ReturnType<JupyterHandlerImpl["handleKernel"]> {
    const upstream = super.handleKernel();
    return {
      ...upstream,
      protocol_version: "5.3",
      implementation: "dlcourse-tslab",
      implementation_version: this.info.tslab,
      language_info: { ...upstream.language_info, name: "typescript", version: this.info.ts, mimetype: "text/typescript", file_extension: ".ts", pygments_lexer: "typescript" },
      banner: `TypeScript ${this.info.ts} (dlcourse kernel on tslab ${this.info.tslab}, Node ${process.version})`,
      ...{ status: "ok", debugger: false },
    };
  }

  /** Upstream's answer, plus "invalid" for code with a syntax error before its end. */
  override handleIsComplete(req: { code: string }): ReturnType<JupyterHandlerImpl["handleIsComplete"]> {
    const upstream = super.handleIsComplete(req);
    if (upstream.status !== "complete" || !req.code.trim()) return upstream;
    const ts = require("@tslab/typescript-for-tslab") as typeof import("@tslab/typescript-for-tslab");
    const src = ts.createSourceFile("cell.tsx", req.code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TSX);
    const errors = (src as unknown as { parseDiagnostics?: unknown[] }).parseDiagnostics ?? [];
    return errors.length ? { status: "invalid" } : upstream;
  }

  /** Runs an execute request in turn; resolves to the execute_reply content. */
  async execute(req: ExecuteRequest, publish: Publish, sentAt?: string): Promise<object> {
    const result = await this.queue.add(() => this.run(req, publish), sentAt ? Date.parse(sentAt) : undefined);
    return result === ABORTED ? { status: "aborted" } : result;
  }

  private async run(req: ExecuteRequest, publish: Publish): Promise<object> {
    const silent = req.silent === true;
    const store = !silent && req.store_history !== false;
    const count = store ? ++this.count : this.count;
    if (!silent) publish("execute_input", { code: req.code, execution_count: count });
    const previous = this.output.attach(silent ? () => {} : publish);
    const stderr = (text: string) => this.output.stream("stderr", text);
    try {
      const outcome = await this.runner.run(req.code, { label: `Cell In[${count}]`, stderr });
      if (!outcome.ok) {
        if (store) this.history.add(count, req.code, null);
        if (!silent) publish("error", outcome.error);
        if (req.stop_on_error !== false) this.queue.abortPending(ABORT_WINDOW_MS);
        return { status: "error", execution_count: count, ...outcome.error };
      }
      const data = outcome.value && !silent ? resultBundle(outcome.value.v, stderr) : null;
      if (data) publish("execute_result", { execution_count: count, data, metadata: {} });
      if (store) this.history.add(count, req.code, data?.["text/plain"] ?? null);
      return { status: "ok", execution_count: count, user_expressions: {}, payload: [] };
    } finally {
      if (silent) this.output.attach(previous);
    }
  }

  interrupt(): void {
    this.runner.interrupt();
  }

  /** Writes to the kernel's own log (the Jupyter server's terminal), never into a cell. */
  log(text: string): void {
    this.output.log(text);
  }
}
