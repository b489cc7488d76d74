/**
 * Workload 4: the SST-2 vocabulary and bag-of-words matrices from raw texts: lowercase,
 * NLTK-compatible word/punct tokens, tokens seen more than 5 times, dense [5000, V] and
 * [1920, V] float32 matrices. PyTorch's side is the lecture's NLTK + Counter + np.stack.
 */
import { text, tf } from "dlcourse";

/** Builds the vocabulary and both matrices; returns the time, V and the train matrix's non-zeros. */
export function buildBow(train: string[], test: string[]): { seconds: number; vocab: number; nnz: number } {
  const t0 = performance.now();
  const lower = new text.WordPunctTokenizer({ lowercase: true });
  const vocabulary = text.Vocabulary.fromTexts(train, { minCount: 6, tokenizer: lower });
  const bow = new text.BagOfWords({ vocabulary, tokenizer: lower });
  const sTrain = bow.sparse(train);
  const xTrain = text.denseRows(sTrain);
  const xTest = bow.dense(test);
  const seconds = (performance.now() - t0) / 1000;
  tf.dispose([xTrain, xTest]);
  return { seconds, vocab: vocabulary.size, nnz: sTrain.indptr[sTrain.shape[0]] };
}
