/**
 * Saving a vocabulary beside a model: a saved network is useless on new text without the exact
 * token -> index map it was trained with.
 */
import { describe } from "./tokenizer";
import { Vocabulary } from "./vocabulary";

/** The JSON form of a {@link Vocabulary}: tokens by index, their counts, the unknown token. */
export interface VocabularyJSON {
  format: "dlcourse.vocabulary/1";
  /** Tokens by index, the unknown token (if any) first. */
  tokens: string[];
  /** Corpus count of each token (0 for the unknown token). */
  counts: number[];
  /** The unknown token, or null when unknown tokens are dropped. */
  unknown: string | null;
}

/**
 * Serializes a vocabulary (`JSON.stringify` the result to write it to disk).
 *
 * @param vocab - the vocabulary
 * @returns a plain object, see {@link VocabularyJSON}
 * @example
 * fs.writeFileSync("vocab.json", JSON.stringify(vocabularyToJSON(vocab)));
 */
export function vocabularyToJSON(vocab: Vocabulary): VocabularyJSON {
  const unknown = vocab.unknownIndex == null ? null : vocab.tokens[vocab.unknownIndex];
  return { format: "dlcourse.vocabulary/1", tokens: [...vocab.tokens], counts: vocab.tokens.map((t) => vocab.countOf(t)), unknown };
}

/**
 * Rebuilds a vocabulary saved with {@link vocabularyToJSON}: same tokens, indices and counts.
 *
 * @param json - the parsed object
 * @returns the vocabulary
 * @throws Error if `json` is not a saved vocabulary (wrong format tag, lengths, or counts)
 * @example
 * const vocab = vocabularyFromJSON(JSON.parse(fs.readFileSync("vocab.json", "utf8")));
 */
export function vocabularyFromJSON(json: VocabularyJSON): Vocabulary {
  if (json?.format !== "dlcourse.vocabulary/1") {
    throw new Error(`vocabularyFromJSON: expected format "dlcourse.vocabulary/1", got ${describe(json?.format)}`);
  }
  const { tokens, counts, unknown } = json;
  if (!Array.isArray(tokens) || !Array.isArray(counts) || tokens.length !== counts.length) {
    throw new Error(`vocabularyFromJSON: expected tokens and counts arrays of equal length, got ${describe(tokens)} and ${describe(counts)}`);
  }
  const own = unknown == null ? 0 : 1;
  if (own === 1 && tokens[0] !== unknown) throw new Error(`vocabularyFromJSON: expected the unknown token "${unknown}" first, got "${tokens[0]}"`);
  const map = new Map<string, number>();
  for (let i = own; i < tokens.length; i++) {
    if (!(Number.isInteger(counts[i]) && counts[i] >= 1)) throw new Error(`vocabularyFromJSON: expected a count >= 1 for "${tokens[i]}", got ${counts[i]}`);
    map.set(tokens[i], counts[i]);
  }
  // "first-seen" keeps the saved order; minCount 1 keeps every saved token.
  return Vocabulary.fromCounts(map, { order: "first-seen", unknown });
}
