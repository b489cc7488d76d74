/**
 * Student-controlled text (folder names, messages, printed output) on its way to places that
 * interpret it: a spreadsheet (formulas), a terminal (escape sequences) and a file system (names).
 */

/**
 * One CSV cell. Quotes as RFC 4180 does, and neutralises text a spreadsheet would run as a formula
 * (leading `= + - @`, tab or carriage return) with a leading apostrophe, as OWASP advises. Numbers
 * stay numbers.
 * @example csvCell("=SUM(4+5)") // "'=SUM(4+5)"
 */
export function csvCell(v: string | number): string {
  let s = String(v);
  if (typeof v === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Text safe to print on the instructor's terminal: control characters (ESC and the rest of C0/C1,
 * DEL) and bidirectional overrides become visible `\xNN` / `\u{NNNN}` escapes, so student output
 * cannot move the cursor, retitle the window, hide text or draw a fake score. Newlines and tabs
 * are kept unless `oneLine`.
 */
export function termSafe(s: string, oneLine = false): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    if (!oneLine && (c === "\n" || c === "\t")) return c;
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u{${code.toString(16)}}`;
  });
}

/** A readable file name for a student: letters of any script, digits, `. _ -`; no dot first. */
function readableName(student: string): string {
  const s = student
    .normalize("NFC")
    .replace(/[^\p{L}\p{M}\p{N}._ -]+/gu, "_")
    .replace(/\s+/g, " ")
    .replace(/^[.\s]+|\s+$/g, "")
    .slice(0, 80);
  return s || "student";
}

/**
 * File names (without extension) for a list of students: readable (Cyrillic stays Cyrillic) and
 * unique even on case-insensitive file systems; a clash gets `-2`, `-3`, … in list order.
 * @example fileNames(["Иванов", "Петров", "a/b", "A_b"]) // ["Иванов", "Петров", "a_b", "A_b-2"]
 */
export function fileNames(students: string[]): string[] {
  const taken = new Set<string>();
  return students.map((st) => {
    const base = readableName(st);
    let name = base;
    for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base}-${i}`;
    taken.add(name.toLowerCase());
    return name;
  });
}
