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
