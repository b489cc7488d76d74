/** Student text on its way to a spreadsheet, a terminal and a file system. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { csvCell, fileNames, termSafe } from "../../grading/safe-text";
import { gradebookCsv } from "../../grading/batch";
import type { SubmissionResult } from "../../grading/result";

test("csvCell: formulas become text, numbers stay numbers, quoting as RFC 4180", () => {
  for (const evil of ["=SUM(4+5)", "+1", "-1+2", "@cmd", "\tx", "\rx"]) assert.ok(csvCell(evil).replace(/^"/, "").startsWith("'"), evil);
  assert.equal(csvCell(-0.5), "-0.5");
  assert.equal(csvCell(3), "3");
  assert.equal(csvCell('a,"b"'), '"a,""b"""');
  assert.equal(csvCell("Иванов"), "Иванов");
});

test("gradebookCsv neutralises a student named like a formula", () => {
  const r: SubmissionResult = { student: "=HYPERLINK(\"http://x\")", assignment: "mini", tests: [{ id: "t", title: "", points: 1, max: 1, hidden: false, status: "passed", log: [] }], total: 1, max: 1, notes: [], graderErrors: [], output: "", seconds: 0 };
  const line = gradebookCsv([r]).split("\n")[1];
  assert.ok(line.startsWith(`"'=HYPERLINK`), line);
  assert.ok(line.endsWith(",mini,1,1,1"), line);
});

test("termSafe: escape sequences, bell, carriage return and bidi overrides become visible text", () => {
  const s = termSafe("\x1b[2K\r\x1b]0;title\x07ok\u202e\x9b", true);
  assert.ok(!/[\x00-\x1f\x7f-\x9f\u202e]/.test(s), JSON.stringify(s));
  assert.equal(s, "\\x1b[2K\\x0d\\x1b]0;title\\x07ok\\u{202e}\\x9b");
  assert.equal(termSafe("a\nb\tc"), "a\nb\tc");
  assert.equal(termSafe("a\nb", true), "a\\x0ab");
});

test("fileNames: readable in any script, unique even where case does not count, never hidden or a path", () => {
  assert.deepEqual(fileNames(["Иванов", "Петров"]), ["Иванов", "Петров"]);
  assert.deepEqual(fileNames(["alice", "Alice", "alice"]), ["alice", "Alice-2", "alice-3"]);
  assert.deepEqual(fileNames(["../../etc/x", ".bashrc", "a/b", ""]), ["_.._etc_x", "bashrc", "a_b", "student"]);
  const [nfd] = fileNames(["Йо".normalize("NFD")]);
  assert.equal(nfd, "Йо".normalize("NFC"));
});
