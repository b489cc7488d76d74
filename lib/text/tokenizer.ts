/**
 * Word/punctuation tokenization exactly as NLTK's `WordPunctTokenizer`: runs of word characters,
 * or runs of characters that are neither word characters nor whitespace.
 */
import "./quiet";

// natural's package index loads every module it has, storage back-ends included (mongoose, pg,
// redis): ~10 s on the first import in a notebook. The tokenizers live in one small file (~50 ms).
type NaturalTokenizers = typeof import("natural/lib/natural/tokenizers");
const { RegexpTokenizer, WordPunctTokenizer: NaturalWordPunctTokenizer } =
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require("natural/lib/natural/tokenizers/regexp_tokenizer") as Pick<NaturalTokenizers, "RegexpTokenizer" | "WordPunctTokenizer">;

/** Anything that splits a text into tokens. */
export interface Tokenizer {
  tokenize(text: string): string[];
}

// NLTK compiles `\w+|[^\w\s]+` with the third-party `regex` engine (nltk.redos), whose `\w` is
// Unicode's word class (letters and other Alphabetic, marks, decimal digits, connector
// punctuation, joiners) and whose `\s` is White_Space. Spelled out here, because JavaScript's
// own `\w`/`\s` are ASCII-only / slightly different.
const WORD = "\\p{Alphabetic}\\p{M}\\p{Nd}\\p{Pc}\\p{Join_Control}";

/** NLTK's `\w+|[^\w\s]+`, as a JavaScript regular expression (global, Unicode). */
export const WORD_PUNCT_PATTERN = new RegExp(`[${WORD}]+|[^${WORD}\\p{White_Space}]+`, "gu");

/** Options for {@link WordPunctTokenizer}. */
export interface WordPunctTokenizerOptions {
  /** Lowercase the text before splitting (`String.prototype.toLowerCase`). Default false. */
  lowercase?: boolean;
}

/**
 * NLTK-compatible word/punctuation tokenizer, built on natural's `RegexpTokenizer`.
 *
 * Unlike natural's own `WordPunctTokenizer`, a run of punctuation stays one token (`'.`, `?!)`,
 * `...`), and any script's letters count as word characters; this matters for the vocabulary
 * (see {@link naturalWordPunctTokenizer}).
 *
 * @example
 * new WordPunctTokenizer().tokenize("She said 'hello'.");
 * // ["She", "said", "'", "hello", "'."]
 */
export class WordPunctTokenizer implements Tokenizer {
  readonly lowercase: boolean;
  private readonly inner: InstanceType<typeof RegexpTokenizer>;

  /** @param options - see {@link WordPunctTokenizerOptions} */
  constructor(options: WordPunctTokenizerOptions = {}) {
    this.lowercase = options.lowercase ?? false;
    this.inner = new RegexpTokenizer({ pattern: WORD_PUNCT_PATTERN, gaps: false });
  }

  /**
   * Splits one text.
   *
   * @param text - any string; empty or all-whitespace gives `[]`
   * @returns the tokens in order of appearance
   * @throws TypeError if `text` is not a string
   */
  tokenize(text: string): string[] {
    if (typeof text !== "string") {
      throw new TypeError(`WordPunctTokenizer.tokenize: expected a string, got ${describe(text)}`);
    }
    // natural calls String.match, which gives null when nothing matches.
    return this.inner.tokenize(this.lowercase ? text.toLowerCase() : text) ?? [];
  }
}

/**
 * Tokenizes one text with a default {@link WordPunctTokenizer}.
 *
 * @param text - the text to split
 * @param options - see {@link WordPunctTokenizerOptions}
 * @returns the tokens
 * @throws TypeError if `text` is not a string
 * @example
 * wordPunctTokenize("wo n't stop!", { lowercase: true }); // ["wo", "n", "'", "t", "stop", "!"]
 */
export function wordPunctTokenize(text: string, options: WordPunctTokenizerOptions = {}): string[] {
  return new WordPunctTokenizer(options).tokenize(text);
}

/**
 * natural's own `WordPunctTokenizer`, for comparison only: its pattern splits every punctuation
 * character apart (`'.` becomes `'`, `.`) and knows only Latin letters, so on SST-2 it yields a
 * different vocabulary than NLTK. Use {@link WordPunctTokenizer} to match the lecture.
 *
 * @returns a tokenizer that behaves like natural's
 * @example
 * naturalWordPunctTokenizer().tokenize("She said 'hello'."); // [..., "'", "."]
 */
export function naturalWordPunctTokenizer(): Tokenizer {
  const inner = new NaturalWordPunctTokenizer();
  return { tokenize: (text: string) => inner.tokenize(text) ?? [] };
}

/** Short description of a value for error messages. */
export function describe(x: unknown): string {
  if (x === null) return "null";
  if (Array.isArray(x)) return `an array of length ${x.length}`;
  return typeof x === "string" ? `"${x.slice(0, 40)}"` : typeof x;
}
