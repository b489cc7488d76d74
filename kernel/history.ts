/**
 * In-memory input history for `history_request` (tail, range, search), one session per kernel
 * process. Entries are [session, line, input] or [session, line, [input, output]].
 */

/** A `history_request`'s content (Jupyter messaging spec). */
export interface HistoryRequest {
  output?: boolean;
  hist_access_type: "tail" | "range" | "search";
  session?: number;
  start?: number;
  stop?: number | null;
  n?: number | null;
  pattern?: string;
  unique?: boolean;
}

type Entry = { line: number; input: string; output: string | null };
type Row = [number, number, string | [string, string | null]];

/** The session number this kernel reports; requests may also say 0 or a negative offset for it. */
export const SESSION = 1;

function glob(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[\\s\\S]*").replace(/\?/g, "[\\s\\S]");
  return new RegExp(`^${body}$`);
}

export class History {
  private entries: Entry[] = [];

  add(line: number, input: string, output: string | null): void {
    this.entries.push({ line, input, output });
  }

  query(req: HistoryRequest): Row[] {
    let found: Entry[];
    if (req.hist_access_type === "range") {
      const ours = req.session == null || req.session <= 0 || req.session === SESSION;
      const start = req.start ?? 0;
      found = ours ? this.entries.filter((e) => e.line >= start && (req.stop == null || e.line < req.stop)) : [];
    } else if (req.hist_access_type === "search") {
      const re = glob(req.pattern ?? "*");
      found = this.entries.filter((e) => re.test(e.input));
      if (req.unique) found = found.filter((e, i) => !found.slice(i + 1).some((later) => later.input === e.input));
      if (req.n != null) found = found.slice(-req.n);
    } else {
      found = this.entries.slice(-(req.n ?? 10));
    }
    return found.map((e) => [SESSION, e.line, req.output ? [e.input, e.output] : e.input]);
  }
}
