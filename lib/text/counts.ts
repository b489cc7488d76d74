/**
 * Token frequencies over a corpus: the input to a {@link Vocabulary}.
 */
import { WordPunctTokenizer, describe, type Tokenizer } from "./tokenizer";

/** Options for {@link countTokens}. */
export interface CountTokensOptions {
  /** How texts are split. Default: `new WordPunctTokenizer()` (NLTK-compatible, case kept). */
  tokenizer?: Tokenizer;
}

/**
 * Counts how often each token occurs in the texts (like Python's `Counter.update` per text).
 *
 * @param texts - the corpus, one string per document
 * @param options - see {@link CountTokensOptions}
 * @returns token -> count, in order of first appearance
 * @throws TypeError if `texts` is not an array of strings
 * @example
 * countTokens(["a b", "b !"]); // Map { "a" => 1, "b" => 2, "!" => 1 }
 */
export function countTokens(texts: readonly string[], options: CountTokensOptions = {}): Map<string, number> {
  if (!Array.isArray(texts)) throw new TypeError(`countTokens: expected an array of strings, got ${describe(texts)}`);
  const tokenizer = options.tokenizer ?? new WordPunctTokenizer();
  const counts = new Map<string, number>();
  texts.forEach((text, i) => {
    if (typeof text !== "string") {
      throw new TypeError(`countTokens: expected texts[${i}] to be a string, got ${describe(text)}`);
    }
    for (const token of tokenizer.tokenize(text)) counts.set(token, (counts.get(token) ?? 0) + 1);
  });
  return counts;
}
