import { test } from "node:test";
import assert from "node:assert/strict";
import { text, tf, ready } from "dlcourse";

const vocab = text.Vocabulary.fromTexts(["cats are perfect", "cats are cats", "dogs"], { minCount: 2 });
// vocab: cats (3), are (2)

test("a vector counts vocabulary tokens and drops the rest", () => {
  const bow = new text.BagOfWords({ vocabulary: vocab });
  assert.deepEqual(vocab.tokens, ["cats", "are"]);
  assert.deepEqual([...bow.vector("cats are cats , perfect")], [2, 1]);
  assert.deepEqual([...new text.BagOfWords({ vocabulary: vocab, binary: true }).vector("cats cats are")], [1, 1]);
  assert.deepEqual([...bow.vector("")], [0, 0]);
});

test("unknown tokens land on the unknown index when the vocabulary has one", () => {
  const v = text.Vocabulary.fromTexts(["a a b"], { unknown: "<unk>" });
  assert.deepEqual([...new text.BagOfWords({ vocabulary: v }).vector("a z z b")], [2, 1, 1]);
});

test("sparse CSR form and dense tensors agree, and densifying batches leaks nothing", async () => {
  await ready();
  const texts = ["cats are cats", "nothing known", "are are cats"];
  const bow = new text.BagOfWords({ vocabulary: vocab });
  const s = bow.sparse(texts);
  assert.deepEqual(s.shape, [3, 2]);
  assert.deepEqual([...s.indptr], [0, 2, 2, 4]);
  assert.deepEqual([...s.indices], [0, 1, 0, 1]);
  assert.deepEqual([...s.values], [2, 1, 1, 2]);
  const before = tf.memory().numTensors;
  const x = bow.dense(texts);
  assert.deepEqual(x.shape, [3, 2]);
  assert.deepEqual(await x.array(), [[2, 1], [0, 0], [1, 2]]);
  const batch = text.denseRows(s, { rows: [2, 2, 0] });
  assert.deepEqual(await batch.array(), [[1, 2], [1, 2], [2, 1]]);
  tf.dispose([x, batch]);
  assert.equal(tf.memory().numTensors, before);
});

test("bad input is a clear error", () => {
  assert.throws(() => new text.BagOfWords({} as never), /BagOfWords: expected options.vocabulary to be a Vocabulary, got undefined/);
  const bow = new text.BagOfWords({ vocabulary: vocab });
  assert.throws(() => bow.sparse("cats" as never), /BagOfWords.sparse: expected an array of strings, got "cats"/);
  assert.throws(() => text.denseRows(bow.sparse(["cats"]), { rows: [1] }), /denseRows: expected row indices in \[0, 1\), got 1 at position 0/);
  assert.throws(() => text.sparseFromRows([new Map([[5, 1]])], 2), /sparseFromRows: expected columns in \[0, 2\), got 5 in row 0/);
});
