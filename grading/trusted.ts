/**
 * Grades one submission: the trusted process. It reads the instructor's source notebook (tests,
 * hidden tests included) and the submission, runs the student's solution cells in a sandbox
 * process (sandbox/), and runs the tests here, in a process the student's code never touches:
 * student functions are proxies that send arguments to the sandbox and get plain data back.
 *
 * Usage (by batch.ts): node --import tsx grading/trusted.ts '<job json>'
 * Writes `@@grade <json>` lines on stdout: a plan, one line per test as it finishes, then done.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import vm from "node:vm";
import { HIDDEN_BEGIN, gradeId, parseNotebook, roleOf, sameAsReleased, type Cell, type Notebook } from "./notebook";
import { apiOf, studentProgram, testProgram, type ProgramCell } from "./program";
import { ROOT } from "./paths";
import { compiledLib } from "./sandbox/libcache";
import { DEFAULT_LIMITS, Sandbox, type SandboxLimits } from "./sandbox/sandbox";
import { testTitle, type TestResult } from "./result";

export interface Job {
  source: string;
  submission: string;
  workRoot?: string;
  limits?: Partial<SandboxLimits>;
}

/** Larger submissions are refused unread: a notebook without outputs is a few hundred KiB. */
const MAX_NOTEBOOK_BYTES = 32 * 2 ** 20;

const emit = (o: object): void => void process.stdout.write(`@@grade ${JSON.stringify(o)}\n`);

function testsOf(nb: Notebook): { cell: Cell; index: number }[] {
  return nb.cells.map((cell, index) => ({ cell, index })).filter((x) => roleOf(x.cell) === "test");
}

/** Limits from the source notebook's `metadata.dlcourse_grading` (seconds, MiB), over the defaults. */
function limitsOf(nb: Notebook, given: Partial<SandboxLimits> = {}): SandboxLimits {
  const m = (nb.metadata.dlcourse_grading ?? {}) as { load_timeout_s?: number; call_timeout_s?: number; memory_mb?: number };
  const fromNb: Partial<SandboxLimits> = {};
  if (m.load_timeout_s) fromNb.loadMs = m.load_timeout_s * 1000;
  if (m.call_timeout_s) fromNb.callMs = m.call_timeout_s * 1000;
  if (m.memory_mb) fromNb.memoryMb = m.memory_mb;
  return { ...DEFAULT_LIMITS, ...fromNb, ...given };
}

/** Picks the submission's solution cells; every other cell comes from the source. */
function assemble(source: Notebook, sub: Notebook, notes: string[]): ProgramCell[] {
  const byId = new Map<string, Cell>();
  for (const c of sub.cells) {
    const id = gradeId(c);
    if (id == null) continue;
    if (byId.has(id)) notes.push(`Ячейка «${id}» встречается несколько раз; оценивалась первая.`);
    else byId.set(id, c);
  }
  const cells: ProgramCell[] = [];
  source.cells.forEach((cell, index) => {
    const role = roleOf(cell);
    const id = gradeId(cell) ?? `cell ${index + 1}`;
    const got = byId.get(id);
    if (role === "solution") {
      if (!got || got.cell_type !== "code") notes.push(`Ячейка решения «${id}» не найдена в работе: её код считается пустым.`);
      cells.push({ index, source: got && got.cell_type === "code" ? got.source : "" });
    } else if (role === "setup" || role === "test") {
      if (!got) notes.push(`Закрытая ячейка «${id}» удалена из работы; использована исходная.`);
      else if (!sameAsReleased(cell, got)) notes.push(`Закрытая ячейка «${id}» была изменена; при проверке использована исходная.`);
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
      emit({ type: "test", ...r });
    },
  };
  await (mod.exports as (rt: unknown) => Promise<void>)(rt);
}

async function main(job: Job): Promise<void> {
  const source = parseNotebook(fs.readFileSync(job.source, "utf8"));
  emit({ type: "plan", tests: testsOf(source).map(({ cell }) => ({ id: gradeId(cell), title: testTitle(cell.source), max: Number(cell.metadata.nbgrader?.points ?? 0) })) });
  let sub: Notebook;
  try {
    const size = fs.statSync(job.submission).size;
    if (size > MAX_NOTEBOOK_BYTES) throw new Error(`блокнот весит ${(size / 2 ** 20).toFixed(0)} МиБ, больше допустимых ${MAX_NOTEBOOK_BYTES / 2 ** 20} МиБ (очистите выводы: Edit > Clear Outputs of All Cells, и сохраните)`);
    sub = parseNotebook(fs.readFileSync(job.submission, "utf8"));
  } catch (e) {
    return emit({ type: "rejected", reason: `Работа не проверена: ${messageOf(e)}` });
  }
  const ks = sub.metadata.kernelspec;
  const lang = ks?.language?.toLowerCase();
  if ((lang != null && lang !== "typescript") || (lang == null && ks?.name != null && ks.name !== "dlcourse" && ks.name !== "tslab")) {
    return emit({ type: "rejected", reason: `Работа не проверена: блокнот написан для ядра «${ks?.display_name ?? ks?.name}» (${lang ?? "язык не указан"}), а задание — для TypeScript (dlcourse). Откройте исходный блокнот задания и перенесите решения в него.` });
  }
  const notes: string[] = [];
  const cells = assemble(source, sub, notes);
  const api = apiOf(source.cells.filter((c) => roleOf(c) === "solution"));
  const work = fs.mkdtempSync(path.join(job.workRoot ?? os.tmpdir(), "dlcourse-sandbox-"));
  const scratch = path.join(work, "scratch");
  fs.mkdirSync(scratch);
  const program = path.join(work, "student.js");
  fs.writeFileSync(program, studentProgram(cells, api));
  const sandbox = new Sandbox({ dir: work, scratch, heapMb: 1024, maxFileBytes: 256 << 20 }, program, limitsOf(source, job.limits));
  try {
    try {
      const report = await sandbox.load();
      for (const e of report.errors) notes.push(`Ошибка в ячейке ${e.cell >= 0 ? `«${gradeId(source.cells[e.cell]) ?? e.cell + 1}»` : "блокнота"}: ${e.message}`);
    } catch (e) {
      notes.push(`Блокнот не загрузился: ${messageOf(e)}`);
    }
    await runTests(source, path.dirname(path.resolve(job.source)), sandbox, api, scratch);
  } finally {
    sandbox.close();
    emit({ type: "done", notes, output: sandbox.output, networkIsolated: sandbox.networkIsolated });
    fs.rmSync(work, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main(JSON.parse(process.argv[2]) as Job).then(
    () => process.exit(0),
    (e) => {
      emit({ type: "grader-error", message: messageOf(e) });
      process.exit(1);
    },
  );
}
