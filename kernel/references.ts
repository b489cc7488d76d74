/**
 * Fixes two gaps in how tslab 1.0.22 rewrites a cell's references to names declared in earlier
 * cells. Those names live on the executor's `exports` object, and tslab's `after` transformer
 * (`wrapPrevIdentifier` in dist/converter.js) turns every identifier whose symbol is declared in
 * the previous cells' declarations (`__prev__.d.ts`) into `exports.<name>`. It asks the checker
 * for the symbol *at* each identifier, which is wrong in two places:
 *
 * - Shorthand properties, `{ lr }`: the symbol at `lr` is the new object's property (declared in
 *   the cell), not the variable, so `lr` is left bare and throws a ReferenceError at run time.
 * - Renaming destructuring, `const { a: b } = f()`: the symbol at the key `a` is the property of
 *   `f`'s return type; when that type was declared in an earlier cell the key is "wrapped" into
 *   `exports.a`, which prints as invalid JavaScript (a SyntaxError when the cell runs).
 *
 * Our `before` transformer runs ahead of tslab's: it expands such shorthands to
 * `lr: exports.lr`, and replaces such keys with fresh identifiers, which carry no symbol, so
 * tslab leaves them alone. Both keep the original text ranges, so source maps are unaffected;
 * type checking happens before emit and sees the cell as typed.
 */
import type * as TS from "@tslab/typescript-for-tslab";

/** Declarations of earlier cells, as tslab names their file. */
const PREV_DECLS = "__prev__.d.ts";

type Builder = TS.EmitAndSemanticDiagnosticsBuilderProgram;
type CreateProgram = TS.CreateProgram<Builder>;

function fromEarlierCell(symbol: TS.Symbol | undefined): boolean {
  return (symbol?.declarations ?? []).some((d) => d.getSourceFile().fileName.endsWith(`/${PREV_DECLS}`));
}

/** The `before` transformer for one emit: `checker` must be the program being emitted. */
export function earlierCellReferences(ts: typeof TS, checker: TS.TypeChecker): TS.TransformerFactory<TS.SourceFile> {
  const f = ts.factory;
  return (context) => {
    const visit = (node: TS.Node): TS.Node => {
      if (ts.isShorthandPropertyAssignment(node) && fromEarlierCell(checker.getShorthandAssignmentValueSymbol(node))) {
        const name = node.name.text;
        let value: TS.Expression = ts.setTextRange(f.createPropertyAccessExpression(f.createIdentifier("exports"), name), node.name);
        // `({ lr = 0.1 } = options)`: a default in a destructuring assignment.
        const init = node.objectAssignmentInitializer && (ts.visitNode(node.objectAssignmentInitializer, visit) as TS.Expression);
        if (init) value = f.createAssignment(value, init);
        const key = ts.setTextRange(f.createIdentifier(name), node.name);
        return ts.setOriginalNode(ts.setTextRange(f.createPropertyAssignment(key, value), node), node);
      }
      if (ts.isBindingElement(node) && node.propertyName && ts.isIdentifier(node.propertyName) && fromEarlierCell(checker.getSymbolAtLocation(node.propertyName))) {
        const key = ts.setTextRange(f.createIdentifier(node.propertyName.text), node.propertyName);
        const rest = ts.visitEachChild(node, visit, context);
        return f.updateBindingElement(rest, rest.dotDotDotToken, key, rest.name, rest.initializer);
      }
      return ts.visitEachChild(node, visit, context);
    };
    return (file) => ts.visitEachChild(file, visit, context);
  };
}

/**
 * A `createProgram` for `ts.createWatchCompilerHost` (tslab passes none, meaning the default
 * builder) whose `emit` runs {@link earlierCellReferences} before any transformers it is given.
 */
export function withEarlierCellReferences(ts: typeof TS, createBuilder: CreateProgram = ts.createEmitAndSemanticDiagnosticsBuilderProgram): CreateProgram {
  return (...args: Parameters<CreateProgram>) => {
    const builder = createBuilder(...args);
    const emit = builder.emit.bind(builder);
    builder.emit = (file, write, cancel, onlyDts, custom) => {
      const ours = earlierCellReferences(ts, builder.getProgram().getTypeChecker());
      return emit(file, write, cancel, onlyDts, { ...custom, before: [ours, ...(custom?.before ?? [])] });
    };
    return builder;
  };
}
