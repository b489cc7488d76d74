/**
 * Text as numbers: NLTK-compatible tokenization (on `natural`), vocabularies, bag-of-words
 * vectors (dense tensors or sparse CSR), sparse batches (with input dropout) and their products
 * with weight matrices for training.
 *
 * Imports ../backend only; no other lib folder imports it.
 */
import "./quiet"; // before anything loads `natural`
export { WordPunctTokenizer, wordPunctTokenize, naturalWordPunctTokenizer, WORD_PUNCT_PATTERN } from "./tokenizer";
export type { Tokenizer, WordPunctTokenizerOptions } from "./tokenizer";
export { countTokens } from "./counts";
export type { CountTokensOptions } from "./counts";
export { Vocabulary } from "./vocabulary";
export type { VocabularyOptions, VocabularyOrder } from "./vocabulary";
export { vocabularyToJSON, vocabularyFromJSON } from "./vocabulary-json";
export type { VocabularyJSON } from "./vocabulary-json";
export { BagOfWords } from "./bag-of-words";
export type { BagOfWordsOptions } from "./bag-of-words";
export { denseRows, sparseRows, sparseFromRows } from "./sparse";
export type { SparseMatrix, DenseRowsOptions, SparseDropout } from "./sparse";
export { sparseMatMul } from "./sparse-matmul";
