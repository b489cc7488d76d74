import { test } from "node:test";
import assert from "node:assert/strict";
import { text } from "dlcourse";

const { Vocabulary, countTokens } = text;
// counts: the 4, a 3, b 2, c 2, ! 1, in first-seen order: the a b ! c
const corpus = ["the a b !", "the a c", "the a b c", "the"];

test("countTokens counts every token like Counter.update, in first-seen order", () => {
  assert.deepEqual([...countTokens(corpus)], [["the", 4], ["a", 3], ["b", 2], ["!", 1], ["c", 2]]);
});

test("frequency order: most frequent first, ties by code point; minCount is inclusive", () => {
  const v = Vocabulary.fromTexts(corpus, { minCount: 2 });
  assert.deepEqual(v.tokens, ["the", "a", "b", "c"]);
  assert.equal(v.size, 4);
  assert.equal(v.countOf("b"), 2);
  assert.equal(v.countOf("!"), 0);
  assert.equal(v.indexOf("!"), null);
});

test("alphabetical and first-seen orders; maxSize keeps the most frequent", () => {
  assert.deepEqual(Vocabulary.fromTexts(corpus, { order: "alphabetical" }).tokens, ["!", "a", "b", "c", "the"]);
  assert.deepEqual(Vocabulary.fromTexts(corpus, { order: "first-seen" }).tokens, ["the", "a", "b", "!", "c"]);
  // top 3 by frequency are the, a, b (b beats c on the code-point tie-break)
  assert.deepEqual(Vocabulary.fromTexts(corpus, { maxSize: 3, order: "first-seen" }).tokens, ["the", "a", "b"]);
  assert.deepEqual(Vocabulary.fromTexts(corpus, { maxSize: 3, order: "alphabetical" }).tokens, ["a", "b", "the"]);
});

test("the order does not depend on the order of the texts (frequency and alphabetical)", () => {
  const reversed = [...corpus].reverse();
  for (const order of ["frequency", "alphabetical"] as const) {
    assert.deepEqual(Vocabulary.fromTexts(reversed, { order }).tokens, Vocabulary.fromTexts(corpus, { order }).tokens);
  }
});

test("unknown tokens are dropped by default, or mapped to a reserved index 0", () => {
  const dropped = Vocabulary.fromTexts(corpus, { minCount: 2 });
  assert.deepEqual(dropped.encode(["a", "zzz", "the"]), [1, 0]);
  const mapped = Vocabulary.fromTexts(corpus, { minCount: 2, unknown: "<unk>" });
  assert.deepEqual(mapped.tokens, ["<unk>", "the", "a", "b", "c"]);
  assert.equal(mapped.unknownIndex, 0);
  assert.deepEqual(mapped.encode(["a", "zzz", "the"]), [2, 0, 1]);
  assert.deepEqual(mapped.decode([2, 0, 1]), ["a", "<unk>", "the"]);
});

test("a lowercasing tokenizer merges cases", () => {
  const v = Vocabulary.fromTexts(["The the THE"], { tokenizer: new text.WordPunctTokenizer({ lowercase: true }) });
  assert.deepEqual(v.tokens, ["the"]);
  assert.equal(v.countOf("the"), 3);
});

test("bad options and input are clear errors", () => {
  assert.throws(() => Vocabulary.fromTexts(corpus, { minCount: 0 }), /Vocabulary: expected minCount to be an integer >= 1, got 0/);
  assert.throws(() => Vocabulary.fromTexts(corpus, { maxSize: 2.5 }), /maxSize to be an integer >= 1, got 2.5/);
  assert.throws(() => Vocabulary.fromTexts(corpus, { unknown: "the" }), /unknown token "the" not to occur/);
  assert.throws(() => Vocabulary.fromTexts(corpus, { order: "random" as never }), /order "frequency", "alphabetical" or "first-seen", got "random"/);
  assert.throws(() => Vocabulary.fromTexts(["ok", 3 as unknown as string]), /countTokens: expected texts\[1\] to be a string, got number/);
  assert.throws(() => Vocabulary.fromTexts(corpus).decode([99]), /Vocabulary.decode: expected indices in \[0, 5\), got 99/);
});

test("a vocabulary survives JSON: same tokens, indices, counts and unknown handling", () => {
  for (const options of [{ minCount: 2 }, { unknown: "<unk>", order: "alphabetical" as const }]) {
    const v = Vocabulary.fromTexts(corpus, options);
    const back = text.vocabularyFromJSON(JSON.parse(JSON.stringify(text.vocabularyToJSON(v))));
    assert.deepEqual(back.tokens, v.tokens);
    assert.deepEqual(back.tokens.map((t) => back.countOf(t)), v.tokens.map((t) => v.countOf(t)));
    assert.equal(back.unknownIndex, v.unknownIndex);
    assert.deepEqual(back.encode(["c", "zzz", "the"]), v.encode(["c", "zzz", "the"]));
  }
  assert.throws(() => text.vocabularyFromJSON({ tokens: [] } as never), /vocabularyFromJSON: expected format "dlcourse.vocabulary\/1", got undefined/);
  const broken = { ...text.vocabularyToJSON(Vocabulary.fromTexts(corpus)), counts: [1] };
  assert.throws(() => text.vocabularyFromJSON(broken), /expected tokens and counts arrays of equal length/);
});
