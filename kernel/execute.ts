/**
 * Runs cells through tslab's own executor (type checking, top-level await, declarations carried
 * between cells, interrupt) and reports what happened as data instead of console text:
 * the last expression's value, the thrown value, or the type checker's diagnostics.
 *
 * tslab's executor writes its results to a console object it is given; we give it one that
 * records them. Its `vm.runInThisContext` call gets a script name per cell, so stack frames can
 * be traced back to the cell (see traceback.ts).
 */
import vm from "node:vm";
import { createConverter, type Converter, type ConvertResult } from "tslab/dist/converter";
import { createExecutor, type ConverterSet, type Executor } from "tslab/dist/executor";
import { takeMap } from "./sourcemap";
import { runtimeError, typeError, type CellRecord, type ErrorContent } from "./traceback";

/** The outcome of one cell. */
export type CellOutcome =
  | { ok: true; /** present if the cell ended with an expression whose value is not null/undefined */ value?: { v: unknown } }
  | { ok: false; error: ErrorContent };

/** Options for {@link CellRunner.run}. */
export interface RunOptions {
  /** Label used in tracebacks, e.g. "Cell In[3]". */
  label: string;
  /** Receives text tslab would have printed that is not an outcome (module-cell diagnostics). */
  stderr(text: string): void;
}

const PRINT_DIAGNOSTIC = "%s%d:%d - %s";

class LazyConverters implements ConverterSet {
  private converters: { node?: Converter; browser?: Converter } = {};
  /** The result of the last `convert` of Node code, for its structured diagnostics. */
  last: ConvertResult | null = null;
  /**
   * The last conversion, replayed when the same cell comes again with the same earlier
   * declarations and no watched file changed since. tslab's watch program skips the rebuild
   * then by itself (its files' versions are unchanged), except for the declaration files served
   * from the start-up snapshot, which it does not know (snapshot.ts): without this, every repeated
   * cell rebuilt the program (~0.05-0.1 s instead of ~5 ms). Files a cell imported (side outputs)
   * are not handed out again, as tslab does not emit them twice.
   */
  private memo: { prev: string; src: string; result: ConvertResult } | null = null;
  get node(): Converter {
    if (!this.converters.node) {
      const conv = createConverter({ isJS: false, isBrowser: false, _fileWatcher: () => (this.memo = null) });
      const convert = conv.convert.bind(conv);
      conv.convert = (prev, src) => {
        const memo = this.memo;
        if (memo && memo.prev === prev && memo.src === src) return (this.last = { ...memo.result, sideOutputs: undefined });
        const result = convert(prev, src);
        this.memo = { prev, src, result };
        return (this.last = result);
      };
      this.converters.node = conv;
    }
    return this.converters.node;
  }
  get browser(): Converter {
    return (this.converters.browser ??= createConverter({ isJS: false, isBrowser: true }));
  }
  close(): void {
    this.converters.node?.close();
    this.converters.browser?.close();
  }
}

/** Executes cells one at a time and keeps what tracebacks need to know about them. */
export class CellRunner {
  readonly executor: Executor;
  readonly cells = new Map<string, CellRecord>();
  private readonly convs = new LazyConverters();
  private runs = 0;
  private record: { value?: { v: unknown }; thrown?: { v: unknown }; printed: string[] } = { printed: [] };

  constructor(rootDir: string) {
    this.executor = createExecutor(rootDir, this.convs, {
      log: (value: unknown) => (this.record.value = { v: value }),
      error: (first: unknown, ...rest: unknown[]) => {
        if (first === PRINT_DIAGNOSTIC) this.record.printed.push(`${rest[0]}${rest[1]}:${rest[2]} - ${rest[3]}\n`);
        else this.record.thrown = { v: first };
      },
    });
  }

  /**
   * Creates the type checker now rather than in the first request that needs it (~0.5 s:
   * TypeScript parses the standard library's declarations). start.ts calls it once the first
   * kernel_info reply is out, while the client is still busy; a request that comes first creates it.
   */
  warm(): void {
    void this.convs.node;
  }

  /** Runs one cell's source. Never throws for errors in the cell. */
  async run(source: string, options: RunOptions): Promise<CellOutcome> {
    const record = (this.record = { printed: [] as string[] } as typeof this.record);
    this.convs.last = null;
    const file = `<cell ${++this.runs}>`;
    const original = vm.runInThisContext;
    // tslab calls vm.runInThisContext synchronously inside execute(), before its first await.
    vm.runInThisContext = (code: string, opts?: vm.RunningScriptOptions | string) => {
      vm.runInThisContext = original;
      const { code: js, map } = takeMap(code);
      const firstLineOffset = js.indexOf("{ ") + 2;
      this.cells.set(file, { label: options.label, source, map, firstLineOffset, scriptLines: js.split("\n").length });
      return original(js, { ...(typeof opts === "object" ? opts : {}), filename: file });
    };
    let ok: boolean;
    try {
      const pending = this.executor.execute(source);
      vm.runInThisContext = original;
      ok = await pending;
    } catch (e) {
      ok = false;
      record.thrown ??= { v: e };
    } finally {
      vm.runInThisContext = original;
    }
    if (ok && record.printed.length) options.stderr(record.printed.join(""));
    if (ok) return record.value ? { ok, value: record.value } : { ok };
    const diagnostics = (this.convs.last as ConvertResult | null)?.diagnostics ?? [];
    if (!record.thrown && diagnostics.length) return { ok, error: typeError(diagnostics, { label: options.label, source }) };
    return { ok, error: runtimeError(record.thrown?.v ?? new Error("the cell failed without an error"), this.cells) };
  }

  interrupt(): void {
    this.executor.interrupt();
  }

  close(): void {
    this.executor.close();
  }
}
