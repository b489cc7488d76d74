/**
 * Finding the submissions in a folder the instructor collected. The folder is student material:
 * git checkouts and zip files carry symbolic links (to the instructor's notebook, to /etc/passwd),
 * names clash (`alice/` beside `alice.ipynb`), and a plain file can sit where a folder is expected.
 * None of that may stop the batch or grade a file that is not the student's own: every entry
 * becomes one row, and anything that is not a regular notebook file is a rejected row with the reason.
 */
import fs from "node:fs";
import path from "node:path";

export interface Submission {
  /** The student as the gradebook names them (unique in one batch). */
  student: string;
  notebook: string;
  /** Set when the entry cannot be graded (a link, not a regular file, no notebook): the reason. */
  problem?: string;
}

const LINK = "сдана символическая ссылка, а не файл; сдайте сам блокнот .ipynb";
const NOT_FILE = "сдан не обычный файл; сдайте сам блокнот .ipynb";

/** What kind of entry `p` is, without following a link. */
function kind(p: string): "file" | "dir" | "link" | "other" | "missing" {
  try {
    const st = fs.lstatSync(p);
    return st.isSymbolicLink() ? "link" : st.isFile() ? "file" : st.isDirectory() ? "dir" : "other";
  } catch {
    return "missing";
  }
}

/** The notebook in a student's folder (`<dir>/<assignment>/` in nbgrader's layout, else `<dir>/`). */
function inFolder(dir: string, assignment: string): { notebook: string; problem?: string } {
  const nested = path.join(dir, assignment);
  const k = kind(nested);
  if (k === "link") return { notebook: nested, problem: LINK };
  const inner = k === "dir" ? nested : dir;
  const nbs = fs.readdirSync(inner).filter((f) => f.endsWith(".ipynb")).sort();
  const pick = nbs.find((f) => f === `${assignment}.ipynb`) ?? nbs[0];
  if (!pick) return { notebook: path.join(inner, `${assignment}.ipynb`), problem: `в папке нет блокнота ${assignment}.ipynb` };
  const notebook = path.join(inner, pick);
  const pk = kind(notebook);
  return { notebook, problem: pk === "link" ? LINK : pk === "file" ? undefined : NOT_FILE };
}

/** One entry of the submissions folder, or null for files that are not submissions (a README). */
function entry(dir: string, name: string, assignment: string): Submission | null {
  const p = path.join(dir, name);
  const k = kind(p);
  const isNb = name.endsWith(".ipynb");
  const student = isNb ? name.slice(0, -6) : name;
  if (k === "link") return { student, notebook: p, problem: LINK };
  if (k === "file") return isNb ? { student, notebook: p } : null;
  if (k === "dir") {
    try {
      return { student, ...inFolder(p, assignment) };
    } catch (e) {
      return { student, notebook: p, problem: `папка не читается (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` };
    }
  }
  return isNb ? { student, notebook: p, problem: NOT_FILE } : null;
}

/**
 * Finds submissions in nbgrader's layout `<dir>/<student>/<assignment>/<name>.ipynb`, or
 * `<dir>/<student>/<name>.ipynb`, or flat `<dir>/<student>.ipynb`. Names that clash (a folder
 * and a file of one student) are kept apart by the entry's full name: `alice`, `alice.ipynb`.
 */
export function findSubmissions(dir: string, assignment: string): Submission[] {
  const names = fs.readdirSync(dir).sort((a, b) => a.localeCompare(b));
  const subs = names.map((n) => ({ n, s: entry(dir, n, assignment) })).filter((x): x is { n: string; s: Submission } => x.s != null);
  const count = new Map<string, number>();
  for (const { s } of subs) count.set(s.student.normalize("NFC"), (count.get(s.student.normalize("NFC")) ?? 0) + 1);
  for (const x of subs) if (count.get(x.s.student.normalize("NFC"))! > 1 && x.n !== x.s.student) x.s.student = x.n;
  return subs.map((x) => x.s);
}
