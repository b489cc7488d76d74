/**
 * Builds the two programs that grade one submission:
 * - the student program (runs in the sandbox): the instructor's setup cells and the student's
 *   solution cells, in notebook order; it returns the student API (the names the instructor's
 *   solution cells declare);
 * - the test program (runs in the trusted grader): the instructor's setup cells and test cells,
 *   hidden tests included, where every student API name is a proxy that calls the sandbox.
 */
import { declaredNames, dedupe, splitCell, toCommonJs, type CellProgram } from "./compile";
import type { Cell } from "./notebook";

export interface ProgramCell {
  /** Index of the cell in the source notebook (0-based). */
  index: number;
  source: string;
}

const isIdent = (s: string) => /^[A-Za-z_$][\w$]*$/.test(s);

function cellBlock(c: ProgramCell, p: CellProgram): string {
  if (p.syntaxError) return `\n__rt.cellError(${c.index}, new SyntaxError(${JSON.stringify(p.syntaxError)}));\n`;
  const last = p.lastExpression ? `\n${p.lastExpression};` : "";
  return `${p.functions.join("\n")}\ntry {\n${p.body}${last}\n} catch (__e) { __rt.cellError(${c.index}, __e); }\n`;
}

/** The sandbox program: `module.exports = async (__rt) => api`. */
export function studentProgram(cells: ProgramCell[], apiNames: string[]): string {
  const parts = cells.map((c) => ({ c, p: splitCell(c.source) }));
  const imports = dedupe(parts.flatMap((x) => x.p.imports));
  const names = apiNames.filter(isIdent);
  const api = names.map((n) => `${JSON.stringify(n)}: typeof ${n} === "undefined" ? undefined : ${n}`).join(",\n");
  const ts = `${imports.join("\n")}\nmodule.exports = async function __main(__rt: any) {\n${parts
    .map((x) => cellBlock(x.c, x.p))
    .join("\n")}\nreturn {\n${api}\n};\n};\n`;
  return toCommonJs(ts);
}

/** The trusted test program: `module.exports = async (__rt) => void`, calling `__rt.test(index, fn)` per test cell. */
export function testProgram(setup: ProgramCell[], tests: ProgramCell[], apiNames: string[]): string {
  const s = setup.map((c) => ({ c, p: splitCell(c.source) }));
  const t = tests.map((c) => ({ c, p: splitCell(c.source) }));
  const imports = dedupe([...s, ...t].flatMap((x) => x.p.imports));
  const proxies = apiNames.filter(isIdent).map((n) => `var ${n}: any = __rt.student(${JSON.stringify(n)});`).join("\n");
  const testBlocks = t.map(({ c, p }) => {
    if (p.syntaxError) return `await __rt.test(${c.index}, async () => { throw new SyntaxError(${JSON.stringify(p.syntaxError)}); });`;
    const ret = p.lastExpression ? `\nreturn (${p.lastExpression});` : "";
    return `await __rt.test(${c.index}, async () => {\n${p.functions.join("\n")}\n${p.body}${ret}\n});`;
  });
  const ts = `${imports.join("\n")}\nmodule.exports = async function __main(__rt: any) {\n${proxies}\n${s
    .map((x) => cellBlock(x.c, x.p))
    .join("\n")}\n${testBlocks.join("\n")}\n};\n`;
  return toCommonJs(ts);
}

/** The student API: names declared at top level by the instructor's solution cells. */
export function apiOf(solutionCells: Cell[]): string[] {
  return dedupe(solutionCells.flatMap((c) => declaredNames(c.source)));
}
