/**
 * DataFrames in notebooks: an HTML table (head and tail rows, like pandas) plus a plain-text
 * fallback, packed as a display bundle for lib/display.
 */
import type * as dfd from "danfojs-node";
import type { Displayable, MimeBundle } from "../display";

/** Options for {@link frameBundle} and {@link table}. */
export interface TableOptions {
  /** Show at most this many rows (half from the head, half from the tail). Default 10. */
  maxRows?: number;
  /** Cut cell text longer than this many characters, with "…". Default 80. */
  maxChars?: number;
}

const escapeHtml = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Which rows to show: all, or the first and last halves with a gap marker (-1). */
function visibleRows(n: number, maxRows: number): number[] {
  if (n <= maxRows) return Array.from({ length: n }, (_, i) => i);
  const head = Math.ceil(maxRows / 2);
  const tail = maxRows - head;
  return [...Array.from({ length: head }, (_, i) => i), -1, ...Array.from({ length: tail }, (_, i) => n - tail + i)];
}

/**
 * A MIME bundle (`text/html` table and `text/plain`) for a DataFrame.
 *
 * @param df - the frame to show
 * @param options - see {@link TableOptions}
 * @returns the bundle; both forms end with "N rows × M columns"
 * @throws Error if `maxRows` is not an integer >= 2 or `maxChars` not an integer >= 1
 * @example
 * display(frameBundle(df, { maxRows: 6 }));
 */
export function frameBundle(df: dfd.DataFrame, options: TableOptions = {}): MimeBundle {
  const maxRows = options.maxRows ?? 10;
  const maxChars = options.maxChars ?? 80;
  if (!Number.isInteger(maxRows) || maxRows < 2) throw new Error(`frameBundle: expected maxRows an integer >= 2, got ${maxRows}`);
  if (!Number.isInteger(maxChars) || maxChars < 1) throw new Error(`frameBundle: expected maxChars an integer >= 1, got ${maxChars}`);
  const [n, m] = df.shape;
  const values = df.values as unknown[][];
  const index = df.index as (string | number)[];
  const cut = (x: unknown): string => {
    const s = String(x);
    return s.length > maxChars ? `${s.slice(0, maxChars - 1)}…` : s;
  };
  const rows = visibleRows(n, maxRows).map((r) => (r < 0 ? null : [String(index[r]), ...values[r].map(cut)]));
  const summary = `${n} rows × ${m} columns`;
  const head = `<tr><th></th>${df.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join("")}</tr>`;
  const body = rows
    .map((r) => (r == null ? `<tr>${"<td>…</td>".repeat(m + 1)}</tr>` : `<tr><th>${escapeHtml(r[0])}</th>${r.slice(1).map((c) => `<td style="text-align:left">${escapeHtml(c)}</td>`).join("")}</tr>`))
    .join("");
  const html = `<div><table class="dataframe"><thead>${head}</thead><tbody>${body}</tbody></table><p>${summary}</p></div>`;
  const cells = [["", ...df.columns], ...rows.map((r) => r ?? Array(m + 1).fill("…"))];
  const widths = cells[0].map((_, j) => Math.max(...cells.map((r) => r[j].length)));
  const plain = cells.map((r) => r.map((c, j) => c.padEnd(widths[j])).join("  ").trimEnd()).join("\n");
  return { "text/html": html, "text/plain": `${plain}\n\n${summary}` };
}

/**
 * Wraps a DataFrame so that a notebook cell ending with it shows an HTML table.
 *
 * @param df - the frame
 * @param options - see {@link TableOptions}
 * @returns a {@link Displayable}; `display(table(df))` also works
 * @example
 * table(df, { maxRows: 10 }) // last expression of a cell: renders the table
 */
export function table(df: dfd.DataFrame, options: TableOptions = {}): Displayable {
  frameBundle(df, options); // validate now, where the mistake is made
  return { toBundle: () => frameBundle(df, options) };
}
