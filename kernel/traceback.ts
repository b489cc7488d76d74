/**
 * Turns a failed cell into Jupyter's error content: `ename` (the error class), `evalue` (the
 * message) and a traceback cut down to the user's code, with cell lines in the cell's own
 * numbering (`Cell In[3], line 2`), for runtime errors and type errors alike.
 */
import path from "node:path";
import util from "node:util";
import type { Diagnostic } from "tslab/dist/converter";
import { toCell, type CellMap } from "./sourcemap";

/** The content of an `error` message (and of an `execute_reply` with status "error"). */
export interface ErrorContent {
  ename: string;
  evalue: string;
  traceback: string[];
}

/** What the kernel remembers about a compiled cell, to name and number its stack frames. */
export interface CellRecord {
  /** How the cell is shown in tracebacks, e.g. "Cell In[3]". */
  label: string;
  source: string;
  map: CellMap | null;
  /** Characters the executor put before the code on line 1. */
  firstLineOffset: number;
  /** Lines of the script run; its last line only invokes the cell's wrapper function. */
  scriptLines: number;
}

const RED = "\x1b[31m";
const CYAN = "\x1b[36m";
const RESET = "\x1b[0m";
// Frames from these places are machinery, not the user's code.
const HIDDEN = [`${path.sep}node_modules${path.sep}tslab${path.sep}`, `${path.sep}node_modules${path.sep}tsx${path.sep}`, __dirname + path.sep];
const FRAME = /^\s*at (?:(.*?) \()?(.+?):(\d+):(\d+)\)?$/;

/** The class name of a thrown value: `err.name`, or the constructor's name if more specific. */
export function errorName(thrown: unknown): string {
  if (!(thrown instanceof Error)) return thrown === null ? "null" : `Uncaught ${typeof thrown}`;
  const ctor = thrown.constructor?.name;
  return thrown.name === "Error" && ctor && ctor !== "Error" ? ctor : thrown.name || ctor || "Error";
}

function codeLine(source: string, line: number): string | null {
  const text = source.split("\n")[line - 1];
  return text == null || !text.trim() ? null : `        ${text.trim()}`;
}

function formatFrame(line: string, cells: Map<string, CellRecord>): string[] {
  const m = FRAME.exec(line);
  if (!m) return [];
  const [, fn, file, l, c] = m;
  const cell = cells.get(file);
  if (cell) {
    if (Number(l) >= cell.scriptLines) return [];
    const col = Number(l) === 1 ? Number(c) - cell.firstLineOffset : Number(c);
    const pos = cell.map ? toCell(cell.map, Number(l), col) : null;
    const lines = cell.source.split("\n").length;
    const where = pos && pos.line <= lines ? `${CYAN}${cell.label}, line ${pos.line}, column ${pos.col}${RESET}` : `${CYAN}${cell.label}${RESET}`;
    // Functions from earlier cells are called through tslab's `exports` proxy: "Proxy.f".
    const callee = fn?.replace(/^(async )?Proxy\./, "$1");
    const name = callee && callee !== "eval" ? `${callee} (${where})` : where;
    const code = pos && pos.line <= lines ? codeLine(cell.source, pos.line) : null;
    return code ? [`    at ${name}`, code] : [`    at ${name}`];
  }
  if (file.startsWith("node:") || file.startsWith("evalmachine") || HIDDEN.some((h) => file.includes(h))) return [];
  const shown = path.isAbsolute(file) ? path.relative(process.cwd(), file) : file;
  return [`    at ${fn ? `${fn} (${shown}:${l}:${c})` : `${shown}:${l}:${c}`}`];
}

/** Error content for a value thrown while a cell ran; `cells` maps script names to cells. */
export function runtimeError(thrown: unknown, cells: Map<string, CellRecord>): ErrorContent {
  const ename = errorName(thrown);
  if (!(thrown instanceof Error)) {
    const evalue = util.inspect(thrown);
    return { ename, evalue, traceback: [`${RED}${ename}${RESET}: ${evalue}`] };
  }
  const evalue = thrown.message;
  const frames = (thrown.stack ?? "").split("\n").filter((l) => FRAME.test(l));
  const traceback = [`${RED}${ename}${RESET}: ${evalue}`, ...frames.flatMap((f) => formatFrame(f, cells))];
  return { ename, evalue, traceback };
}

/** Error content for a cell rejected by the type checker (ename "TSError"). */
export function typeError(diagnostics: Diagnostic[], cell: { label: string; source: string }): ErrorContent {
  const first = diagnostics[0];
  const more = diagnostics.length > 1 ? ` (and ${diagnostics.length - 1} more)` : "";
  const head = `${RED}TSError${RESET}: ${diagnostics.length} type error${diagnostics.length > 1 ? "s" : ""} in ${cell.label}`;
  let previous = "";
  const lines = diagnostics.flatMap((d) => {
    // A message chain ("X is not assignable to Y" / "  property p is missing") shares one span.
    const key = `${d.fileName ?? ""}:${d.start.offset}:${d.end.offset}`;
    if (key === previous) return [`      ${d.messageText}`];
    previous = key;
    const line = d.start.line + 1;
    const col = d.start.character + 1;
    const where = d.fileName ? `${d.fileName}, line ${line}, column ${col}` : `${cell.label}, line ${line}, column ${col}`;
    const out = [`  ${CYAN}${where}${RESET}: ${d.messageText} (TS${d.code})`];
    const code = d.fileName ? undefined : cell.source.split("\n")[d.start.line];
    if (code !== undefined && code.trim()) {
      const width = d.end.line === d.start.line ? Math.max(1, d.end.character - d.start.character) : 1;
      out.push(`      ${code}`, `      ${" ".repeat(d.start.character)}${RED}${"^".repeat(width)}${RESET}`);
    }
    return out;
  });
  return { ename: "TSError", evalue: `${first.messageText}${more}`, traceback: [head, ...lines] };
}
