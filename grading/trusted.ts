/**
 * Grades one submission: the trusted process. It reads the instructor's source notebook (tests,
 * hidden tests included) and the submission, runs the student's solution cells in a sandbox
 * process (sandbox/), and runs the tests here, in a process the student's code never touches:
 * student functions are proxies that send arguments to the sandbox and get plain data back.
 *
 * Usage (by batch.ts): node --import tsx grading/trusted.ts '<job json>'
 * Appends one JSON object a line to `job.resultFile` (a plan, one line per test as it finishes,
 * then done), each written whole and synchronously, so an exit at any moment leaves only complete
 * lines behind; stdout is not used (a large line there could be cut off by the exit).
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import vm from "node:vm";
import { closeInheritedFds } from "./fds";
import { HIDDEN_BEGIN, gradeId, parseNotebook, roleOf, sameAsReleased, type Cell, type Notebook } from "./notebook";
import { apiOf, studentProgram, testProgram, type ProgramCell } from "./program";
import { ROOT } from "./paths";
import { prepareSandboxDir } from "./sandbox/isolation";
import { compiledLib, restrictedLib } from "./sandbox/libcache";
import { DEFAULT_LIMITS, Sandbox, type SandboxLimits } from "./sandbox/sandbox";
import { Notes, redactHidden, testTitle, type TestResult } from "./result";

export interface Job {
  source: string;
  submission: string;
  /** An empty folder for this submission's sandbox; the caller makes it and removes it. */
  workDir: string;
  /** Where results go, one JSON object a line. */
  resultFile: string;
  limits?: Partial<SandboxLimits>;
}

/** Larger submissions are refused unread: a notebook without outputs is a few hundred KiB. */
const MAX_NOTEBOOK_BYTES = 32 * 2 ** 20;

let resultFd = -1;
const emit = (o: object): void => void fs.writeSync(resultFd, `${JSON.stringify(o)}\n`);

function testsOf(nb: Notebook): { cell: Cell; index: number }[] {
  return nb.cells.map((cell, index) => ({ cell, index })).filter((x) => roleOf(x.cell) === "test");
}

/** Limits from the source notebook's `metadata.dlcourse_grading` (seconds, MiB), over the defaults. */
function limitsOf(nb: Notebook, given: Partial<SandboxLimits> = {}): SandboxLimits {
  const m = (nb.metadata.dlcourse_grading ?? {}) as { load_timeout_s?: number; call_timeout_s?: number | Record<string, number>; memory_mb?: number };
  const fromNb: Partial<SandboxLimits> = {};
  if (m.load_timeout_s) fromNb.loadMs = m.load_timeout_s * 1000;
  // A number for every call, or per function: {"trainCifar": 30, "predictCifar": 5, "*": 15}.
  if (typeof m.call_timeout_s === "number") fromNb.callMs = m.call_timeout_s * 1000;
  else if (m.call_timeout_s && typeof m.call_timeout_s === "object") {
    const { "*": all, ...named } = m.call_timeout_s;
    if (typeof all === "number") fromNb.callMs = all * 1000;
    fromNb.callMsByName = Object.fromEntries(Object.entries(named).filter(([, v]) => typeof v === "number").map(([k, v]) => [k, v * 1000]));
  }
  if (m.memory_mb) fromNb.memoryMb = m.memory_mb;
  return { ...DEFAULT_LIMITS, ...fromNb, ...given };
}

/** Picks the submission's solution cells; every other cell comes from the source. */
function assemble(source: Notebook, sub: Notebook, notes: Notes): ProgramCell[] {
  const byId = new Map<string, Cell>();
  for (const c of sub.cells) {
    const id = gradeId(c);
    if (id == null) continue;
    if (byId.has(id)) notes.add(`Ячейка «${id.slice(0, 80)}» встречается несколько раз; оценивалась первая.`);
    else byId.set(id, c);
  }
  const cells: ProgramCell[] = [];
  source.cells.forEach((cell, index) => {
    const role = roleOf(cell);
    const id = gradeId(cell) ?? `cell ${index + 1}`;
    const got = byId.get(id);
    if (role === "solution") {
      if (!got || got.cell_type !== "code") notes.add(`Ячейка решения «${id}» не найдена в работе: её код считается пустым.`);
      cells.push({ index, source: got && got.cell_type === "code" ? got.source : "" });
    } else if (role === "setup" || role === "test") {
      if (!got) notes.add(`Закрытая ячейка «${id}» удалена из работы; использована исходная.`);
      else if (!sameAsReleased(cell, got)) notes.add(`Закрытая ячейка «${id}» была изменена; при проверке использована исходная.`);
      if (role === "setup") cells.push({ index, source: cell.source });
    }
  });
  return cells;
}

function messageOf(e: unknown): string {
  const err = e as { message?: unknown; code?: unknown; generatedMessage?: unknown };
  // node:assert builds messages from the test's source text when none is given: never show it.
  if (err?.code === "ERR_ASSERTION" && err.generatedMessage && /falsy value|No value argument/.test(String(err.message))) return "проверка не прошла";
  const m = e instanceof Error ? `${e.name === "Error" ? "" : e.name + ": "}${e.message}` : String(e);
  return m.slice(0, 2000);
}

async function runTests(source: Notebook, sourceDir: string, sandbox: Sandbox, api: string[], scratch: string): Promise<void> {
  const tests = testsOf(source);
  const setup = source.cells.map((cell, index) => ({ cell, index })).filter((x) => roleOf(x.cell) === "setup");
  const js = testProgram(setup.map((x) => ({ index: x.index, source: x.cell.source })), tests.map((x) => ({ index: x.index, source: x.cell.source })), api);
  const mod = { exports: {} as unknown };
  const base = createRequire(path.join(ROOT, "grading", "trusted.ts"));
  const lib = compiledLib();
  const req = Object.assign((id: string) => base(id === "dlcourse" ? lib : id.startsWith("dlcourse/") ? path.join(lib, id.slice(9)) : id), base);
  vm.runInThisContext(`(function (exports, require, module) {${js}\n})`, { filename: "grader-tests.js" })(mod.exports, req, mod);
  // Tests hand files to the student's code through the scratch folder, and read the assignment's
  // own files (data/...) from the source folder, which the sandbox cannot see.
  process.env.DLCOURSE_GRADING_SCRATCH = scratch;
  process.env.DLCOURSE_GRADING_SOURCE_DIR = sourceDir;
  const rt = {
    student: (name: string) => (...args: unknown[]) => sandbox.call(name, args),
    cellError: (index: number, e: unknown) => emit({ type: "grader-error", message: `закрытая ячейка ${index + 1} упала у проверяющего: ${messageOf(e)}` }),
    test: async (index: number, fn: () => Promise<unknown>) => {
      const cell = source.cells[index];
      const max = Number(cell.metadata.nbgrader?.points ?? 0);
      const log: string[] = [];
      const saved = { log: console.log, info: console.info, warn: console.warn, error: console.error };
      console.log = console.info = console.warn = console.error = (...a: unknown[]) => void log.push(a.map(String).join(" ").slice(0, 500));
      const r: TestResult = { id: gradeId(cell)!, title: testTitle(cell.source), points: 0, max, hidden: cell.source.includes(HIDDEN_BEGIN), status: "failed", log };
      // From the first hidden test on, what student code prints could echo hidden inputs.
      if (r.hidden) sandbox.muteOutput("[вывод во время скрытых тестов не показывается]");
      try {
        const v = await fn();
        r.points = typeof v === "number" && Number.isFinite(v) ? Math.min(Math.max(v, 0), max) : max;
        r.status = r.points === max ? "passed" : r.points > 0 ? "partial" : "failed";
      } catch (e) {
        r.message = messageOf(e);
      } finally {
        Object.assign(console, saved);
      }
      r.log = log.slice(0, 50);
      emit({ type: "test", ...redactHidden(r) });
    },
  };
  await (mod.exports as (rt: unknown) => Promise<void>)(rt);
}

/** Reads the submission: a regular file (not a link, FIFO or device), within the size limit. */
function readSubmission(file: string): Notebook {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new Error(code === "ELOOP" ? "сдана символическая ссылка, а не файл блокнота; сдайте сам файл .ipynb" : `файл не открывается (${code ?? (e as Error).message})`);
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) throw new Error("сдан не обычный файл; сдайте сам файл .ipynb");
    if (st.size > MAX_NOTEBOOK_BYTES) throw new Error(`блокнот весит ${(st.size / 2 ** 20).toFixed(0)} МиБ, больше допустимых ${MAX_NOTEBOOK_BYTES / 2 ** 20} МиБ (очистите выводы: Edit > Clear Outputs of All Cells, и сохраните)`);
    return parseNotebook(fs.readFileSync(fd, "utf8"));
  } finally {
    fs.closeSync(fd);
  }
}

/** Null when the notebook is for the course kernel; else why not, for the student. */
function wrongKernel(sub: Notebook): string | null {
  const ks = sub.metadata.kernelspec;
  const str = (v: unknown) => (typeof v === "string" ? v.slice(0, 80) : undefined);
  const lang = str(ks?.language)?.toLowerCase();
  const name = str(ks?.name);
  if ((lang != null && lang !== "typescript") || (lang == null && name != null && name !== "dlcourse" && name !== "tslab")) {
    return `блокнот написан для ядра «${str(ks?.display_name) ?? name}» (${lang ?? "язык не указан"}), а задание — для TypeScript (dlcourse). Откройте исходный блокнот задания и перенесите решения в него.`;
  }
  return null;
}

/** Exports of the lib that this assignment asks students to write: hidden from the sandbox. */
const hiddenFromStudents = (source: Notebook): string[] => {
  const h = (source.metadata.dlcourse_grading as { hide_from_students?: unknown } | undefined)?.hide_from_students;
  return Array.isArray(h) ? h.map(String) : [];
};

async function main(job: Job): Promise<void> {
  const source = parseNotebook(fs.readFileSync(job.source, "utf8"));
  emit({ type: "plan", tests: testsOf(source).map(({ cell }) => ({ id: gradeId(cell), title: testTitle(cell.source), max: Number(cell.metadata.nbgrader?.points ?? 0) })) });
  let sub: Notebook;
  try {
    sub = readSubmission(job.submission);
    const kernel = wrongKernel(sub);
    if (kernel) throw new Error(kernel);
  } catch (e) {
    return emit({ type: "rejected", reason: `Работа не проверена: ${messageOf(e)}` });
  }
  const notes = new Notes();
  const cells = assemble(source, sub, notes);
  const api = apiOf(source.cells.filter((c) => roleOf(c) === "solution"));
  const work = job.workDir;
  const scratch = path.join(work, "scratch");
  fs.mkdirSync(scratch);
  const program = path.join(work, "student.js");
  fs.writeFileSync(program, studentProgram(cells, api));
  prepareSandboxDir(work, scratch);
  const lib = restrictedLib(hiddenFromStudents(source));
  const sandbox = new Sandbox({ dir: work, scratch, heapMb: 1024, maxFileBytes: 256 << 20, lib }, program, limitsOf(source, job.limits));
  try {
    try {
      const report = await sandbox.load();
      for (const e of report.errors) notes.add(`Ошибка в ячейке ${e.cell >= 0 ? `«${gradeId(source.cells[e.cell]) ?? e.cell + 1}»` : "блокнота"}: ${e.message}`);
    } catch (e) {
      notes.add(`Блокнот не загрузился: ${messageOf(e)}`);
    }
    await runTests(source, path.dirname(path.resolve(job.source)), sandbox, api, scratch);
  } finally {
    sandbox.close();
    emit({ type: "done", notes: notes.list(), output: sandbox.output, isolation: sandbox.isolation ?? undefined });
    fs.rmSync(work, { recursive: true, force: true });
  }
}

if (require.main === module) {
  closeInheritedFds();
  const job = JSON.parse(process.argv[2]) as Job;
  resultFd = fs.openSync(job.resultFile, "a");
  main(job).then(
    () => process.exit(0),
    (e) => {
      emit({ type: "grader-error", message: messageOf(e) });
      process.exit(1);
    },
  );
}
