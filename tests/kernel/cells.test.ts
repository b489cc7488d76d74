/**
 * Names declared in one cell and used in a later one (kernel/references.ts): shorthand
 * properties `{ lr }` and renaming destructuring `const { a: b } = f()`, which tslab 1.0.22
 * compiles wrongly, plus the nearby forms that must keep working, with tracebacks and type
 * errors still pointing at the right cell, line and column.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { session, type Session } from "./kernel";

const TIMEOUT = { timeout: 300_000 };

async function inSession(body: (s: Session) => Promise<void>): Promise<void> {
  const s = session();
  try {
    await body(s);
  } finally {
    s.close();
  }
}

/** 1-based column of `needle` in `line`, as tracebacks and diagnostics count. */
function column(line: string, needle: string): number {
  const at = line.indexOf(needle);
  assert.ok(at >= 0, `"${needle}" not in "${line}"`);
  return at + 1;
}

test("shorthand property of a name from an earlier cell (const, let, function, import)", TIMEOUT, () =>
  inSession(async (s) => {
    await s.value('import { basename } from "node:path";\nconst lr = 0.1;\nlet steps = 3;\nfunction decay(x: number) { return x / 2; }');
    assert.deepEqual(await s.value("const cfg = { lr };\ncfg"), { lr: 0.1 });
    const all = (await s.value("({ lr, steps, decay, basename })")) as Record<string, unknown>;
    assert.equal(all.lr, 0.1);
    assert.equal(all.steps, 3);
    assert.equal((all.decay as (x: number) => number)(4), 2);
    assert.equal((all.basename as (p: string) => string)("/a/b.ts"), "b.ts");
    // The variable is read when the object is made, in nested functions too.
    assert.deepEqual(await s.value("const make = () => ({ lr, steps });\nsteps = 5;\nmake()"), { lr: 0.1, steps: 5 });
    assert.deepEqual(await s.value("({ ...cfg, steps, extra: [{ lr }] })"), { lr: 0.1, steps: 5, extra: [{ lr: 0.1 }] });
    assert.deepEqual(await s.value("class Opt { get config() { return { lr }; } }\nnew Opt().config"), { lr: 0.1 });
  }));

test("shorthand property of a name from the same cell, or redeclared in it", TIMEOUT, () =>
  inSession(async (s) => {
    await s.value("const lr = 0.1;");
    assert.deepEqual(await s.value("const k = 2;\n({ k, lr })"), { k: 2, lr: 0.1 });
    assert.deepEqual(await s.value("const lr = 0.5;\n({ lr })"), { lr: 0.5 });
    assert.deepEqual(await s.value("({ lr })"), { lr: 0.5 }, "the redeclaration is what later cells see");
  }));

test("renaming destructuring of a value whose type comes from an earlier cell", TIMEOUT, () =>
  inSession(async (s) => {
    await s.value("function f() { return { a: 1, c: 2 }; }");
    assert.equal(await s.value("const { a: b } = f();\nb"), 1);
    assert.equal(await s.value("b + 1"), 2, "the renamed name is declared for later cells");
    assert.deepEqual(await s.value("const { a: first, ...others } = f();\n[first, others]"), [1, { c: 2 }]);
    assert.deepEqual(await s.value("const { a, c: second } = f();\n[a, second]"), [1, 2]);
    await s.value("const obj = { p: 1, q: { r: 2 } };");
    assert.deepEqual(await s.value("const { p: p1, q: { r: r1 } } = obj;\n[p1, r1]"), [1, 2], "the type of an earlier cell's variable");
  }));

test("nested destructuring, defaults, parameters, loops and assignment", TIMEOUT, () =>
  inSession(async (s) => {
    await s.value(
      "interface Opt { x?: number; inner: { y: number; z?: number } }\n" +
        "function opt(): Opt { return { inner: { y: 2 } }; }\n" +
        "let u = 0;",
    );
    assert.deepEqual(await s.value("const { x: x1 = 5, inner: { y: y1, z: z1 = 7 } } = opt();\n[x1, y1, z1]"), [5, 2, 7]);
    assert.deepEqual(await s.value("const { inner: { y } } = opt();\nconst { inner } = opt();\n[y, inner]"), [2, { y: 2 }]);
    assert.equal(await s.value("const pick = ({ inner: { y: yy } }: Opt) => yy;\npick(opt())"), 2);
    assert.equal(await s.value("let total = 0;\nfor (const { inner: { y: v } } of [opt(), opt()]) total += v;\ntotal"), 4);
    await s.value("({ u } = { u: 4 });");
    assert.equal(await s.value("u"), 4, "a destructuring assignment writes an earlier cell's let");
    await s.value("({ u = 9 } = {} as { u?: number });");
    assert.equal(await s.value("u"), 9);
  }));

test("let, function and class redefined across cells", TIMEOUT, () =>
  inSession(async (s) => {
    await s.value("let n = 1;\nfunction g() { return 1; }\nclass C { v = 1; }");
    assert.equal(await s.value("let n = 2;\nn"), 2);
    await s.value("function g() { return 2; }");
    await s.value("class C { v = 2; w = 3; }");
    assert.deepEqual(await s.value("({ n, g: g(), c: { ...new C() } })"), { n: 2, g: 2, c: { v: 2, w: 3 } });
    assert.equal(await s.value("n = 7;\nn"), 7);
    assert.deepEqual(await s.value("({ n })"), { n: 7 });
  }));

test("tracebacks keep the cell's line and column after a rewritten shorthand or key", TIMEOUT, () =>
  inSession(async (s) => {
    await s.value("const lr = 0.1;\nfunction f() { return { a: 1 }; }");
    const line = 'const o = { lr, k: 1 }; if (o.k) throw new RangeError("boom");';
    const err = await s.error(line);
    assert.equal(err.ename, "RangeError");
    assert.match(err.traceback, new RegExp(`Cell In\\[${err.n}\\], line 1, column ${column(line, "new RangeError")}\\b`));

    const source = ["const { a: b } = f();", "function check(c: { lr: number }) {", '  if (c.lr < 1) throw new TypeError(`lr ${c.lr}`);', "}", "check({ lr });"];
    const err2 = await s.error(source.join("\n"));
    assert.equal(err2.evalue, "lr 0.1");
    assert.match(err2.traceback, new RegExp(`at check \\(Cell In\\[${err2.n}\\], line 3, column ${column(source[2], "new TypeError")}\\)`));
    assert.match(err2.traceback, new RegExp(`Cell In\\[${err2.n}\\], line 5, column ${column(source[4], "check")}\\b`));
  }));

test("type errors in cells with such shorthands and keys are still reported", TIMEOUT, () =>
  inSession(async (s) => {
    await s.value("const lr = 0.1;\nfunction f() { return { a: 1 }; }");
    const line = "const o = { lr }; const s: string = o.lr;";
    const err = await s.error(line);
    assert.equal(err.ename, "TSError");
    assert.equal(err.evalue, "Type 'number' is not assignable to type 'string'.");
    assert.match(err.traceback, new RegExp(`Cell In\\[${err.n}\\], line 1, column ${column(line, "s: string")}: .*TS2322`));
    const err2 = await s.error("const { a: b }: { a: string } = f();");
    assert.equal(err2.ename, "TSError");
    assert.match(err2.traceback, /TS2322/);
    const err3 = await s.error("const { missing: m } = f();");
    assert.match(err3.evalue, /Property 'missing' does not exist/);
  }));
