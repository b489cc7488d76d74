import "../data/data-env";
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { data, text } from "dlcourse";
import fixture from "../fixtures/text/sst2.json";

const hash = (tokens: Iterable<string>): string =>
  createHash("sha256").update([...tokens].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).join("\n")).digest("hex");

test("over every SST-2 file, token counts and the full vocabulary equal NLTK's", async () => {
  for (const split of ["train", "dev", "test"] as const) {
    const df = await data.loadSst2({ split, download: false });
    const counts = text.countTokens(df.column("text").values as string[]);
    const expected = fixture.files[split].all;
    assert.equal([...counts.values()].reduce((a, b) => a + b, 0), expected.tokens, `${split}: tokens`);
    assert.equal(counts.size, expected.distinct, `${split}: distinct tokens`);
    assert.equal(hash(counts.keys()), expected.distinctHash, `${split}: vocabulary hash`);
  }
});

test("the lecture's numbers: 1839 tokens seen more than 5 times in the first 5000 lowercased texts; first text sums to 14", async () => {
  const { train } = data.headTailSplit(await data.loadSst2({ download: false }));
  const vocab = text.Vocabulary.fromTexts(train.texts.map((t) => t.toLowerCase()), { minCount: 6 });
  assert.equal(vocab.size, 1839);
  assert.equal(fixture.lecture.kept, 1839);
  assert.equal(hash(vocab.tokens), fixture.lecture.keptHash);
  const bow = new text.BagOfWords({ vocabulary: vocab });
  assert.equal(bow.vector(train.texts[0]).reduce((a, b) => a + b, 0), fixture.lecture.firstTextBowSum);
  assert.equal(fixture.lecture.firstTextBowSum, 14);
  assert.equal(bow.vector("cats are perfect").reduce((a, b) => a + b, 0), 2); // the lecture's example
});

test("natural's own WordPunctTokenizer gives a different vocabulary on the same texts", async () => {
  const { train } = data.headTailSplit(await data.loadSst2({ download: false }));
  const lower = train.texts.map((t) => t.toLowerCase());
  const nltk = text.Vocabulary.fromTexts(lower, { minCount: 6 });
  const natural = text.Vocabulary.fromTexts(lower, { minCount: 6, tokenizer: text.naturalWordPunctTokenizer() });
  assert.notEqual(hash(natural.tokens), hash(nltk.tokens));
  // NLTK keeps runs like `` and '' whole; natural splits them into single characters.
  assert.ok(nltk.has("``") && nltk.has("''") && !natural.has("``") && !natural.has("''"));
});
