/**
 * The Output widget: an output area inside a widget layout. The kernel sets its `outputs` state
 * (nbformat outputs), which JupyterLab's OutputModel renders and nbclient saves with the widget
 * state, so it works while no cell runs and in executed notebooks alike.
 */
import { withDisplayHost } from "../display";
import type { DisplayContent, MimeBundle } from "../display/types";
import { DOMWidget } from "./dom-widget";

/** One nbformat output: display_data, stream or error. */
export type NbOutput =
  | { output_type: "display_data"; data: MimeBundle; metadata: Record<string, unknown> }
  | { output_type: "stream"; name: "stdout" | "stderr"; text: string }
  | { output_type: "error"; ename: string; evalue: string; traceback: string[] };

/** Options of {@link Output.capture}. */
export interface CaptureOptions {
  /** Start from an empty area (as `clearOutput({ wait: true })`). Default false. */
  clear?: boolean;
  /** "show": an error thrown by `fn` becomes an error output (same update) and is not rethrown. Default "throw". */
  errors?: "throw" | "show";
}

/** An error as an nbformat error output. */
export function errorOutput(e: unknown): NbOutput {
  const err = e instanceof Error ? e : new Error(String(e));
  return { output_type: "error", ename: err.name, evalue: err.message, traceback: (err.stack ?? `${err.name}: ${err.message}`).split("\n") };
}

/**
 * An output area widget.
 *
 * @example
 * const out = new Output();
 * out.capture(() => display(plot.line({ y: [1, 2, 3] })));
 */
export class Output extends DOMWidget {
  constructor(layout?: Record<string, string>) {
    super({ model: "OutputModel", view: "OutputView", module: "@jupyter-widgets/output" }, { msg_id: "", outputs: [] }, { layout });
  }

  /** The outputs shown now. */
  get outputs(): NbOutput[] {
    return this.state.outputs as NbOutput[];
  }

  /** Removes every output. */
  clear(): void {
    this.set({ outputs: [] });
  }

  /** Appends an output (one `update` to the front end). */
  append(output: NbOutput): void {
    this.set({ outputs: [...this.outputs, output] });
  }

  /**
   * Runs `fn` with its `display`/`clearOutput` calls and stdout shown in this widget, then sends
   * the new outputs in one update (so a redraw replaces the old chart without flicker).
   *
   * @param fn - synchronous code that displays something
   * @param options - clear first, show or throw errors, see {@link CaptureOptions}
   * @returns what `fn` returns (undefined if it threw and errors are shown)
   * @throws whatever `fn` throws unless `errors: "show"`, after sending the outputs it made before
   */
  capture<T>(fn: () => T, options: CaptureOptions = {}): T | undefined {
    const outputs: NbOutput[] = options.clear ? [] : [...this.outputs];
    const ids = new Map<string, NbOutput>();
    const host = {
      display: (c: DisplayContent, update: boolean) => {
        const entry: NbOutput = { output_type: "display_data", data: c.data, metadata: c.metadata };
        const id = c.transient.display_id;
        const at = id && update ? outputs.indexOf(ids.get(id)!) : -1;
        if (update && at < 0) return;
        if (at >= 0) outputs[at] = entry;
        else outputs.push(entry);
        if (id) ids.set(id, entry);
      },
      clearOutput: () => void outputs.splice(0),
    };
    const write = process.stdout.write;
    process.stdout.write = ((chunk: string | Uint8Array) => {
      outputs.push({ output_type: "stream", name: "stdout", text: typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8") });
      return true;
    }) as typeof process.stdout.write;
    try {
      return withDisplayHost(host, fn);
    } catch (e) {
      if (options.errors !== "show") throw e;
      outputs.push(errorOutput(e));
      return undefined;
    } finally {
      process.stdout.write = write;
      this.set({ outputs });
    }
  }
}
