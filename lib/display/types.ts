/**
 * The display contract shared by the kernel, charts and data frames.
 *
 * A MIME bundle maps MIME types to representations (`text/plain` always present, so every
 * front end has something to show); binary images are base64 strings.
 */
export interface MimeBundle {
  "text/plain": string;
  [mime: string]: unknown;
}

/** An object that knows how to show itself; a bare last expression of a cell renders this way. */
export interface Displayable {
  toBundle(): MimeBundle;
}

/** Options for {@link display}. */
export interface DisplayOptions {
  /** Display id: later calls with the same id and `update: true` replace this output in place. */
  id?: string;
  /** Send as `update_display_data` for an existing `id` instead of a new output. Default false. */
  update?: boolean;
  /** Per-MIME metadata, e.g. `{ "image/png": { width: 640 } }`. Default `{}`. */
  metadata?: Record<string, unknown>;
}

export function isDisplayable(x: unknown): x is Displayable {
  return typeof x === "object" && x !== null && typeof (x as Displayable).toBundle === "function";
}

/** One `display_data` / `update_display_data` message body. */
export interface DisplayContent {
  data: MimeBundle;
  metadata: Record<string, unknown>;
  /** Not saved in the notebook: the display id that later updates refer to. */
  transient: { display_id?: string };
}

/** Options for {@link clearOutput}. */
export interface ClearOutputOptions {
  /**
   * Wait for the next output before clearing, so a redrawn chart does not flicker.
   * Default false (clear at once).
   */
  wait?: boolean;
}

/**
 * What the kernel offers the display API for the cell that is running. The dlcourse kernel
 * installs one at `globalThis[DISPLAY_HOST_KEY]` (kernel/output.ts).
 */
export interface DisplayHost {
  display(content: DisplayContent, update: boolean): void;
  clearOutput(wait: boolean): void;
}

/** The global property the kernel's {@link DisplayHost} lives under (a string: shared across module copies). */
export const DISPLAY_HOST_KEY = "__dlcourseDisplayHost__";
