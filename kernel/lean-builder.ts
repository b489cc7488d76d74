/**
 * The builder program behind tslab's watch program, without TypeScript's per-program builder state.
 *
 * Why: tslab type-checks every cell as a new program (twice when the cell declares names), and
 * TypeScript's default builder (`createEmitAndSemanticDiagnosticsBuilderProgram`) then recomputes,
 * for every file of the program, the files it references, through the type checker: with tfjs's
 * and the lib's declarations that is ~940 files at every cell, ~20% of the kernel's CPU in a
 * profile of 60 new cells (bench/README.md, "Round 6"). tslab asks its builder for the program, a
 * source file, the emit of one file, and the files a cell depends on (`getAllDependencies`, to
 * compile the local .ts modules a cell imports); the watch program asks for the program. Here the
 * dependencies come from the program's module resolution, cached per source file (a declaration
 * file that did not change keeps its SourceFile object from program to program, so its
 * references are looked up once per kernel), and every other method is the program's own.
 */
import path from "node:path";
import type * as TS from "@tslab/typescript-for-tslab";

type Builder = TS.EmitAndSemanticDiagnosticsBuilderProgram;
type CreateProgram = TS.CreateProgram<Builder>;

/** Internals of a SourceFile this reads: resolved imports and type references (TypeScript 5.0). */
interface ResolvedFile {
  resolvedModules?: { forEach(cb: (resolution: { resolvedModule?: { resolvedFileName: string } }) => void): void };
  resolvedTypeReferenceDirectiveNames?: { forEach(cb: (resolution: { resolvedTypeReferenceDirective?: { resolvedFileName?: string } }) => void): void };
}

/**
 * A `createProgram` for `ts.createWatchCompilerHost` giving lean builders (see the file's header).
 * @param ts - tslab's TypeScript
 * @returns the factory
 */
export function leanBuilderProgram(ts: typeof TS): CreateProgram {
  const referencesOf = new WeakMap<TS.SourceFile, string[]>();
  return (rootNames, options, host, oldBuilder, configFileParsingDiagnostics, projectReferences) => {
    const program = ts.createProgram({
      rootNames: rootNames ?? [], options: options ?? {}, host, oldProgram: (oldBuilder as unknown as { getProgramOrUndefined(): TS.Program | undefined } | undefined)?.getProgramOrUndefined(), configFileParsingDiagnostics, projectReferences,
    });
    // Bind every file now, as TypeScript's builder does on creation: tslab then sets the cell
    // file's parent to the earlier cells' declarations (how a cell sees their names), and a
    // binding after that would reset it.
    program.getTypeChecker();
    const references = (file: TS.SourceFile): string[] => {
      let refs = referencesOf.get(file);
      if (refs == null) {
        refs = [];
        const r = file as unknown as ResolvedFile;
        r.resolvedModules?.forEach((m) => m.resolvedModule && refs!.push(m.resolvedModule.resolvedFileName));
        r.resolvedTypeReferenceDirectiveNames?.forEach((t) => t.resolvedTypeReferenceDirective?.resolvedFileName && refs!.push(t.resolvedTypeReferenceDirective.resolvedFileName));
        for (const ref of file.referencedFiles) refs.push(path.resolve(path.dirname(file.fileName), ref.fileName));
        referencesOf.set(file, refs);
      }
      return refs;
    };
    const builder = {
      getProgram: () => program,
      getProgramOrUndefined: () => program,
      releaseProgram: () => undefined,
      getState: () => ({}),
      getCompilerOptions: () => program.getCompilerOptions(),
      getSourceFile: (name: string) => program.getSourceFile(name),
      getSourceFiles: () => program.getSourceFiles(),
      getOptionsDiagnostics: (c?: TS.CancellationToken) => program.getOptionsDiagnostics(c),
      getGlobalDiagnostics: (c?: TS.CancellationToken) => program.getGlobalDiagnostics(c),
      getConfigFileParsingDiagnostics: () => program.getConfigFileParsingDiagnostics(),
      getSyntacticDiagnostics: (f?: TS.SourceFile, c?: TS.CancellationToken) => program.getSyntacticDiagnostics(f, c),
      getDeclarationDiagnostics: (f?: TS.SourceFile, c?: TS.CancellationToken) => program.getDeclarationDiagnostics(f, c),
      getSemanticDiagnostics: (f?: TS.SourceFile, c?: TS.CancellationToken) => program.getSemanticDiagnostics(f, c),
      getCurrentDirectory: () => program.getCurrentDirectory(),
      emit: (f?: TS.SourceFile, w?: TS.WriteFileCallback, c?: TS.CancellationToken, dts?: boolean, t?: TS.CustomTransformers) => program.emit(f, w, c, dts, t),
      getAllDependencies(file: TS.SourceFile): readonly string[] {
        const seen = new Set<string>([file.fileName]);
        const queue = [file];
        for (let f = queue.pop(); f != null; f = queue.pop()) {
          for (const name of references(f)) {
            const next = program.getSourceFile(name);
            if (next != null && !seen.has(next.fileName)) {
              seen.add(next.fileName);
              queue.push(next);
            }
          }
        }
        return [...seen];
      },
    };
    return builder as unknown as Builder;
  };
}
