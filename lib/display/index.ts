/**
 * Rich output from notebook cells: one display message per call, carrying a whole MIME bundle.
 */
import type { DisplayOptions, MimeBundle, Displayable } from "./types";
import { isDisplayable } from "./types";

export type { DisplayOptions, MimeBundle, Displayable } from "./types";
export { isDisplayable } from "./types";

/** Receives display messages; the kernel's by default, replaceable in tests. */
export type DisplaySink = (content: { data: MimeBundle; metadata: Record<string, unknown>; transient: { display_id?: string } }, update: boolean) => void;

let sink: DisplaySink | null = null;

/** Routes display messages to `next` (tests use this); `null` restores the kernel's. */
export function setDisplaySink(next: DisplaySink | null): void {
  sink = next;
}

function kernelSink(): DisplaySink {
  if (sink) return sink;
  // tslab keeps the writer of the running cell here; lib and kernel share the module.
  const writer = (require("tslab/dist/jupyter") as { lastWriteDisplayData: DisplaySink | null }).lastWriteDisplayData;
  if (!writer) throw new Error("display: no notebook kernel is running (use it from a notebook cell, or setDisplaySink in tests)");
  return writer;
}

/**
 * Shows a MIME bundle (or a {@link Displayable}) as one output of the current cell.
 *
 * @param what - a bundle with at least `text/plain`, or an object with `toBundle()`
 * @param options - display id and update flag, see {@link DisplayOptions}
 * @throws Error if the bundle has no `text/plain`, or `update` is set without an `id`
 * @example
 * display({ "text/plain": "42", "text/html": "<b>42</b>" });
 */
export function display(what: MimeBundle | Displayable, options: DisplayOptions = {}): void {
  const data = isDisplayable(what) ? what.toBundle() : what;
  if (typeof data?.["text/plain"] !== "string") throw new Error("display: expected a bundle with a text/plain entry");
  if (options.update && !options.id) throw new Error("display: update needs the id of the output to replace");
  kernelSink()({ data, metadata: options.metadata ?? {}, transient: options.id ? { display_id: options.id } : {} }, options.update ?? false);
}

/** Shows HTML, with `text` as the plain-text fallback. */
export function html(markup: string, text = "[HTML]", options: DisplayOptions = {}): void {
  display({ "text/html": markup, "text/plain": text }, options);
}

/** Shows Markdown (formulas in `$...$` are typeset by JupyterLab). */
export function markdown(source: string, options: DisplayOptions = {}): void {
  display({ "text/markdown": source, "text/plain": source }, options);
}
