import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { text } from "dlcourse";
import cases from "../fixtures/text/cases.json";
import classes from "../fixtures/text/unicode_classes.json";
import sst2 from "../fixtures/text/sst2.json";

const tokenizer = new text.WordPunctTokenizer();

test("matches NLTK's WordPunctTokenizer on hand-picked cases (punctuation runs, scripts, marks, separators)", () => {
  assert.equal(cases.pattern, "\\w+|[^\\w\\s]+");
  for (const c of cases.cases) assert.deepEqual(tokenizer.tokenize(c.text), c.tokens, JSON.stringify(c.text));
});

test("matches NLTK on the sampled SST-2 texts of every split", () => {
  let n = 0;
  for (const file of Object.values(sst2.files)) {
    for (const s of file.sample) {
      assert.deepEqual(tokenizer.tokenize(s.text), s.tokens, `row ${s.row}`);
      n++;
    }
  }
  assert.ok(n >= 30, `expected a real sample, got ${n} texts`);
});

function inRanges(ranges: number[][]): Set<number> {
  const out = new Set<number>();
  for (const [a, b] of ranges) for (let c = a; c <= b; c++) out.add(c);
  return out;
}

test("word and space classes equal NLTK's (regex engine) on every code point this Node's Unicode assigns", () => {
  const word = inRanges(classes.word);
  const space = inRanges(classes.space);
  const unassigned = /^\p{Cn}$/u;
  const mismatches: string[] = [];
  for (let c = 0; c < 0x110000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue; // lone surrogates never occur in valid text
    const ch = String.fromCodePoint(c);
    const got = tokenizer.tokenize(`${ch}`);
    // A word char is one token by itself; whitespace gives nothing; anything else is punctuation.
    const isWord = got.length === 1 && tokenizer.tokenize(`a${ch}`).length === 1;
    const isSpace = got.length === 0;
    if ((isWord !== word.has(c) || isSpace !== space.has(c)) && !unassigned.test(ch)) mismatches.push(c.toString(16));
  }
  assert.deepEqual(mismatches.slice(0, 20), []);
});

test("lowercase option and the free function", () => {
  assert.deepEqual(new text.WordPunctTokenizer({ lowercase: true }).tokenize("Ёлка IS Fun!"), ["ёлка", "is", "fun", "!"]);
  assert.deepEqual(text.wordPunctTokenize("wo n't stop!"), ["wo", "n", "'", "t", "stop", "!"]);
  assert.deepEqual(text.wordPunctTokenize(""), []);
});

test("natural's own WordPunctTokenizer differs: it splits punctuation runs such as '.", () => {
  const natural = text.naturalWordPunctTokenizer();
  assert.deepEqual(natural.tokenize("She said 'hello'."), ["She", "said", "'", "hello", "'", "."]);
  assert.deepEqual(tokenizer.tokenize("She said 'hello'."), ["She", "said", "'", "hello", "'."]);
  const differing = Object.values(sst2.files)
    .flatMap((f) => f.sample)
    .filter((s) => JSON.stringify(natural.tokenize(s.text)) !== JSON.stringify(s.tokens));
  assert.ok(differing.length > 0, "natural should disagree with NLTK on some SST-2 sample texts");
});

test("non-string input is a clear error", () => {
  assert.throws(() => tokenizer.tokenize(42 as unknown as string), /WordPunctTokenizer.tokenize: expected a string, got number/);
});

test("importing the text lib prints nothing (no dotenv tips from natural)", () => {
  const env = { ...process.env };
  delete env.DOTENV_CONFIG_QUIET;
  const root = path.resolve(__dirname, "..", "..");
  const r = spawnSync(process.execPath, ["--import", "tsx", "-e", 'require("dlcourse").text.wordPunctTokenize("a")'], { cwd: root, env, encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout + r.stderr, "");
});
