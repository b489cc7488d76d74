/**
 * Turns notebook cells into one runnable CommonJS program, keeping tslab's semantics where the
 * grader needs them: declarations of a cell are visible to later cells, an error in one cell does
 * not stop the next, `await` works at top level, and a test cell's last expression is its value
 * (nbgrader reads a number there as partial credit).
 */
import ts from "typescript";

export interface CellProgram {
  /** `import` statements, hoisted to the top of the program. */
  imports: string[];
  /** Function declarations, hoisted to the shared scope (they cannot throw). */
  functions: string[];
  /** Everything else, in order; `const`/`let` turned into `var` so later cells see them. */
  body: string;
  /** The last top-level expression of the cell, or null. */
  lastExpression: string | null;
  /** A syntax error, if the cell does not parse. */
  syntaxError: string | null;
}

function parse(source: string): ts.SourceFile {
  return ts.createSourceFile("cell.ts", source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
}

function syntaxErrorOf(source: string): string | null {
  const out = ts.transpileModule(source, { reportDiagnostics: true, compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } });
  const d = out.diagnostics?.find((x) => x.category === ts.DiagnosticCategory.Error);
  if (!d) return null;
  const where = d.file && d.start != null ? d.file.getLineAndCharacterOfPosition(d.start) : null;
  const msg = ts.flattenDiagnosticMessageText(d.messageText, "\n");
  return where ? `line ${where.line + 1}: ${msg}` : msg;
}

/** Splits a cell into hoisted imports and functions, a body, and its last expression. */
export function splitCell(source: string): CellProgram {
  const syntaxError = syntaxErrorOf(source);
  if (syntaxError) return { imports: [], functions: [], body: "", lastExpression: null, syntaxError };
  const sf = parse(source);
  const imports: string[] = [];
  const functions: string[] = [];
  const body: string[] = [];
  let lastExpression: string | null = null;
  const stmts = sf.statements;
  stmts.forEach((st, i) => {
    const text = st.getFullText(sf);
    if (ts.isImportDeclaration(st) || ts.isImportEqualsDeclaration(st)) imports.push(text.trim());
    else if (ts.isFunctionDeclaration(st) && st.body) functions.push(text);
    else if (ts.isVariableStatement(st)) body.push(asVar(st, sf));
    else if (ts.isClassDeclaration(st) && st.name) body.push(`\nvar ${st.name.text} = ${text.trim()};`);
    else if (i === stmts.length - 1 && ts.isExpressionStatement(st)) lastExpression = st.expression.getText(sf);
    else body.push(text);
  });
  return { imports, functions, body: body.join(""), lastExpression, syntaxError: null };
}

function asVar(st: ts.VariableStatement, sf: ts.SourceFile): string {
  const list = st.declarationList;
  const kw = list.getFirstToken(sf);
  const full = st.getFullText(sf);
  if (!kw || (kw.kind !== ts.SyntaxKind.ConstKeyword && kw.kind !== ts.SyntaxKind.LetKeyword)) return full;
  const at = kw.getStart(sf) - st.getFullStart();
  return full.slice(0, at) + "var" + full.slice(at + kw.getText(sf).length);
}

/** Names a cell declares at top level (functions, classes, variables): the student API. */
export function declaredNames(source: string): string[] {
  const names: string[] = [];
  for (const st of parse(source).statements) {
    if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) && st.name) names.push(st.name.text);
    if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name)) names.push(d.name.text);
    }
  }
  return names;
}

/** TypeScript to CommonJS JavaScript; types erased, no type checking (the grader grades behaviour). */
export function toCommonJs(program: string): string {
  return ts.transpileModule(program, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, esModuleInterop: true },
  }).outputText;
}

export const dedupe = (xs: string[]): string[] => [...new Set(xs)];
