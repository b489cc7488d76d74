/**
 * Rich output from notebook cells: one display message per call, carrying a whole MIME bundle;
 * in-place updates by display id; clearing the cell's output for live charts. ./types.ts is
 * the contract with the kernel, which imports it as `dlcourse/display/types`.
 *
 * A leaf: imports nothing of lib/; imported by plot, data and the kernel.
 */
import type { ClearOutputOptions, DisplayContent, DisplayHost, DisplayOptions, MimeBundle, Displayable } from "./types";
import { DISPLAY_HOST_KEY, isDisplayable } from "./types";

export type { ClearOutputOptions, DisplayContent, DisplayHost, DisplayOptions, MimeBundle, Displayable } from "./types";
export { DISPLAY_HOST_KEY, isDisplayable } from "./types";

/** Receives display messages; the kernel's by default, replaceable in tests. */
export type DisplaySink = (content: DisplayContent, update: boolean) => void;

/** Options for {@link setDisplaySink}. */
export interface DisplaySinkOptions {
  /** Receives {@link clearOutput} calls while the sink is set. Default: they are dropped. */
  clearOutput?: (wait: boolean) => void;
}

let sink: DisplayHost | null = null;

/**
 * Routes display messages to `next` instead of the kernel (tests use this); `null` restores the kernel.
 *
 * @param next - receives each display as (content, update)
 * @param options - where {@link clearOutput} calls go, see {@link DisplaySinkOptions}
 * @example
 * const sent: MimeBundle[] = [];
 * setDisplaySink(({ data }) => void sent.push(data));
 */
export function setDisplaySink(next: DisplaySink | null, options: DisplaySinkOptions = {}): void {
  sink = next ? { display: next, clearOutput: options.clearOutput ?? (() => {}) } : null;
}

/**
 * Runs `fn` with {@link display} and {@link clearOutput} sent to `target` (an Output widget
 * capturing them), then restores the previous route. Synchronous code only.
 *
 * @param target - receives the displays made while `fn` runs
 * @param fn - the code whose displays are captured
 * @returns what `fn` returns
 * @example
 * withDisplayHost({ display: (c) => void shown.push(c), clearOutput: () => {} }, () => markdown("hi"));
 */
export function withDisplayHost<T>(target: DisplayHost, fn: () => T): T {
  const previous = sink;
  sink = target;
  try {
    return fn();
  } finally {
    sink = previous;
  }
}

function host(caller: string): DisplayHost {
  if (sink) return sink;
  const installed = (globalThis as Record<string, unknown>)[DISPLAY_HOST_KEY] as DisplayHost | undefined;
  if (installed) return installed;
  // A plain tslab kernel (not the course's): it keeps the running cell's writer here.
  const tslab = (require("tslab/dist/jupyter") as { lastWriteDisplayData: DisplaySink | null }).lastWriteDisplayData;
  if (tslab && caller === "display") return { display: tslab, clearOutput: () => {} };
  throw new Error(`${caller}: no notebook kernel is running (call it from a notebook cell of the dlcourse kernel, or setDisplaySink in tests)`);
}

/**
 * Shows a MIME bundle (or a {@link Displayable}) as one output of the current cell.
 *
 * @param what - a bundle with at least `text/plain`, or an object with `toBundle()`
 * @param options - display id and update flag, see {@link DisplayOptions}
 * @throws Error if the bundle has no `text/plain`, or `update` is set without an `id`
 * @example
 * display({ "text/plain": "42", "text/html": "<b>42</b>" });
 * display({ "text/plain": "epoch 1" }, { id: "progress" });
 * display({ "text/plain": "epoch 2" }, { id: "progress", update: true });
 */
export function display(what: MimeBundle | Displayable, options: DisplayOptions = {}): void {
  const data = isDisplayable(what) ? what.toBundle() : what;
  if (typeof data?.["text/plain"] !== "string") throw new Error("display: expected a bundle with a text/plain entry");
  if (options.update && !options.id) throw new Error("display: update needs the id of the output to replace");
  host("display").display({ data, metadata: options.metadata ?? {}, transient: options.id ? { display_id: options.id } : {} }, options.update ?? false);
}

/**
 * Clears the outputs the current cell has shown so far.
 *
 * @param options - `wait` to clear only when the next output arrives, see {@link ClearOutputOptions}
 * @throws Error if no kernel is running and no sink is set
 * @example
 * for (const epoch of [1, 2, 3]) {
 *   clearOutput({ wait: true });
 *   markdown(`epoch ${epoch}`);
 * }
 */
export function clearOutput(options: ClearOutputOptions = {}): void {
  host("clearOutput").clearOutput(options.wait ?? false);
}

/** Shows HTML, with `text` as the plain-text fallback. */
export function html(markup: string, text = "[HTML]", options: DisplayOptions = {}): void {
  display({ "text/html": markup, "text/plain": text }, options);
}

/** Shows Markdown (formulas in `$...$` are typeset by JupyterLab). */
export function markdown(source: string, options: DisplayOptions = {}): void {
  display({ "text/markdown": source, "text/plain": source }, options);
}
