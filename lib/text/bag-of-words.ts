/**
 * Bag of words: a text becomes a V-dimensional vector of token counts, order forgotten.
 */
import { tf } from "../backend";
import { sparseFromRows, denseRows, type SparseMatrix } from "./sparse";
import { WordPunctTokenizer, describe, type Tokenizer } from "./tokenizer";
import { Vocabulary } from "./vocabulary";

/** Options for {@link BagOfWords}. */
export interface BagOfWordsOptions {
  /** The token -> index map; its size is V. Required. */
  vocabulary: Vocabulary;
  /** How texts are split. Default: `new WordPunctTokenizer()` (case kept, as in the lecture). */
  tokenizer?: Tokenizer;
  /** Record presence (1) instead of counts. Default false. */
  binary?: boolean;
}

/**
 * Turns texts into bag-of-words vectors over a fixed vocabulary. Tokens outside the vocabulary
 * are dropped, or counted at the unknown index if the vocabulary has one.
 *
 * @example
 * const bow = new BagOfWords({ vocabulary: vocab });
 * bow.vector(texts[0]);          // Float32Array [V], sums to 14 for the lecture's first text
 * const x = bow.dense(texts);    // tf.Tensor2D [N, V]
 * const s = bow.sparse(texts);   // SparseMatrix [N, V], densify batches with denseRows
 */
export class BagOfWords {
  readonly vocabulary: Vocabulary;
  readonly tokenizer: Tokenizer;
  readonly binary: boolean;

  /**
   * @param options - see {@link BagOfWordsOptions}
   * @throws TypeError if `vocabulary` is missing
   */
  constructor(options: BagOfWordsOptions) {
    if (!(options?.vocabulary instanceof Vocabulary)) {
      throw new TypeError(`BagOfWords: expected options.vocabulary to be a Vocabulary, got ${describe(options?.vocabulary)}`);
    }
    this.vocabulary = options.vocabulary;
    this.tokenizer = options.tokenizer ?? new WordPunctTokenizer();
    this.binary = options.binary ?? false;
  }

  /** V, the length of every vector. */
  get size(): number {
    return this.vocabulary.size;
  }

  /**
   * Counts of vocabulary indices in one text, as a sparse map.
   *
   * @throws TypeError if `text` is not a string
   */
  counts(text: string): Map<number, number> {
    if (typeof text !== "string") throw new TypeError(`BagOfWords: expected a string text, got ${describe(text)}`);
    const out = new Map<number, number>();
    for (const i of this.vocabulary.encode(this.tokenizer.tokenize(text))) {
      out.set(i, this.binary ? 1 : (out.get(i) ?? 0) + 1);
    }
    return out;
  }

  /**
   * One text as a dense vector.
   *
   * @returns a Float32Array of length V
   * @throws TypeError if `text` is not a string
   */
  vector(text: string): Float32Array {
    const out = new Float32Array(this.size);
    for (const [i, c] of this.counts(text)) out[i] = c;
    return out;
  }

  /**
   * Many texts as a sparse CSR matrix (memory ~ number of tokens, not N * V).
   *
   * @param texts - N texts
   * @returns a {@link SparseMatrix} of shape [N, V]
   * @throws TypeError if `texts` is not an array of strings
   */
  sparse(texts: readonly string[]): SparseMatrix {
    if (!Array.isArray(texts)) throw new TypeError(`BagOfWords.sparse: expected an array of strings, got ${describe(texts)}`);
    return sparseFromRows(texts.map((t) => this.counts(t)), this.size);
  }

  /**
   * Many texts as one dense tensor (N * V floats: fine for SST-2, not for huge vocabularies).
   *
   * @param texts - N texts
   * @returns a float32 tf.Tensor2D [N, V]; dispose it when done
   * @throws TypeError if `texts` is not an array of strings
   */
  dense(texts: readonly string[]): tf.Tensor2D {
    return denseRows(this.sparse(texts));
  }
}
