/**
 * A vocabulary: the fixed token -> index map behind one-hot and bag-of-words vectors.
 */
import { countTokens } from "./counts";
import { describe, type Tokenizer } from "./tokenizer";

/** How tokens are ordered (and so indexed); every order is deterministic. */
export type VocabularyOrder = "frequency" | "alphabetical" | "first-seen";

/** Options for {@link Vocabulary.fromTexts} and {@link Vocabulary.fromCounts}. */
export interface VocabularyOptions {
  /**
   * Keep tokens seen at least this many times (integer >= 1). Default 1. The lecture's
   * "more than 5 times" (`count > 5`) is `minCount: 6`.
   */
  minCount?: number;
  /** Keep at most this many tokens, the most frequent first (ties by order). Default: no cap. */
  maxSize?: number;
  /**
   * Order of indices: `"frequency"` (most frequent first, ties by code-point order of the token),
   * `"alphabetical"` (code-point order), or `"first-seen"`. Default `"frequency"`.
   */
  order?: VocabularyOrder;
  /**
   * What unknown tokens become: `null` drops them (the lecture's behaviour); a string such as
   * `"<unk>"` adds that token at index 0 and maps every unknown token to it. Default `null`.
   */
  unknown?: string | null;
  /** Tokenizer for {@link Vocabulary.fromTexts}. Default: NLTK-compatible, case kept. */
  tokenizer?: Tokenizer;
}

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Token <-> index map with the counts it was built from. Immutable once built.
 *
 * @example
 * const vocab = Vocabulary.fromTexts(texts.map((t) => t.toLowerCase()), { minCount: 6 });
 * vocab.size;              // 1839 on the lecture's 5000 SST-2 training texts
 * vocab.encode(["a", "zzz"]); // [index of "a"] (unknown tokens dropped)
 */
export class Vocabulary {
  /** Tokens by index (`tokens[i]` has index i). */
  readonly tokens: readonly string[];
  /** Index every unknown token maps to, or null when unknown tokens are dropped. */
  readonly unknownIndex: number | null;
  private readonly index: Map<string, number>;
  private readonly counts: Map<string, number>;

  private constructor(tokens: string[], counts: Map<string, number>, unknown: string | null) {
    this.tokens = Object.freeze(tokens);
    this.counts = counts;
    this.index = new Map(tokens.map((t, i) => [t, i]));
    this.unknownIndex = unknown == null ? null : 0;
  }

  /**
   * Builds a vocabulary from raw texts: counts tokens, filters, orders.
   *
   * @param texts - the corpus (lowercase it first, or pass a lowercasing tokenizer, if wanted)
   * @param options - see {@link VocabularyOptions}
   * @returns the vocabulary
   * @throws TypeError if `texts` is not an array of strings; RangeError on bad options
   */
  static fromTexts(texts: readonly string[], options: VocabularyOptions = {}): Vocabulary {
    return Vocabulary.fromCounts(countTokens(texts, { tokenizer: options.tokenizer }), options);
  }

  /**
   * Builds a vocabulary from token counts (e.g. from {@link countTokens}).
   *
   * @param counts - token -> count (positive integers); its iteration order is "first-seen"
   * @param options - see {@link VocabularyOptions} (`tokenizer` is ignored)
   * @returns the vocabulary
   * @throws RangeError if `minCount`/`maxSize` are not positive integers, or `unknown` is
   *   already a counted token
   */
  static fromCounts(counts: ReadonlyMap<string, number>, options: VocabularyOptions = {}): Vocabulary {
    const minCount = options.minCount ?? 1;
    const order = options.order ?? "frequency";
    const unknown = options.unknown ?? null;
    check(Number.isInteger(minCount) && minCount >= 1, `minCount to be an integer >= 1, got ${minCount}`);
    const max = options.maxSize;
    check(max == null || (Number.isInteger(max) && max >= 1), `maxSize to be an integer >= 1, got ${max}`);
    check(["frequency", "alphabetical", "first-seen"].includes(order), `order "frequency", "alphabetical" or "first-seen", got ${describe(order)}`);
    check(unknown == null || !counts.has(unknown), `unknown token "${unknown}" not to occur in the texts`);
    const seen = [...counts].filter(([, c]) => c >= minCount);
    // Rank by frequency first so that maxSize keeps the most frequent tokens whatever `order` is.
    const ranked = [...seen].sort((a, b) => b[1] - a[1] || byCodePoint(a[0], b[0])).slice(0, max ?? seen.length);
    const top = new Set(ranked.map(([t]) => t));
    const kept = order === "frequency" ? ranked : seen.filter(([t]) => top.has(t));
    const tokens = kept.map(([t]) => t);
    if (order === "alphabetical") tokens.sort(byCodePoint);
    const keptCounts = new Map(kept);
    return new Vocabulary(unknown == null ? tokens : [unknown, ...tokens], keptCounts, unknown);
  }

  /** Number of indices, including the unknown token if there is one (V). */
  get size(): number {
    return this.tokens.length;
  }

  /** Whether `token` has its own index. */
  has(token: string): boolean {
    return this.index.has(token);
  }

  /** Index of `token`; for an unknown token, {@link unknownIndex} (null when dropped). */
  indexOf(token: string): number | null {
    return this.index.get(token) ?? this.unknownIndex;
  }

  /** How often `token` occurred in the corpus the vocabulary was built from (0 if dropped). */
  countOf(token: string): number {
    return this.counts.get(token) ?? 0;
  }

  /**
   * Maps tokens to indices, dropping unknown tokens or mapping them to {@link unknownIndex}.
   *
   * @param tokens - tokens of one text
   * @returns indices in [0, V), at most one per token
   */
  encode(tokens: readonly string[]): number[] {
    const out: number[] = [];
    for (const t of tokens) {
      const i = this.indexOf(t);
      if (i != null) out.push(i);
    }
    return out;
  }

  /**
   * Maps indices back to tokens.
   *
   * @throws RangeError if an index is not an integer in [0, V)
   */
  decode(indices: readonly number[]): string[] {
    return indices.map((i) => {
      if (!Number.isInteger(i) || i < 0 || i >= this.size) {
        throw new RangeError(`Vocabulary.decode: expected indices in [0, ${this.size}), got ${i}`);
      }
      return this.tokens[i];
    });
  }
}

function check(ok: boolean, expected: string): void {
  if (!ok) throw new RangeError(`Vocabulary: expected ${expected}`);
}
