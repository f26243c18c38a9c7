/**
 * The WordPiece and BPE models of the Hugging Face `tokenizers` format, turning one pre-tokenized
 * word into token ids the way tokenizers 0.23 does.
 */
import { UnsupportedTokenizerError } from './hf-tokenizer-text.js';

type Json = Record<string, unknown>;

export interface TokenModel {
  /** Token-to-id map of the model's own vocabulary (added tokens are kept by HfTokenizer). */
  readonly vocabulary: ReadonlyMap<string, number>;
  tokenize(word: string): number[];
}

export const SUPPORTED_MODELS = 'WordPiece, BPE (without dropout or byte fallback)';

function readVocabulary(config: Json, modelType: string): Map<string, number> {
  const vocab = config.vocab;
  if (vocab === null || typeof vocab !== 'object' || Array.isArray(vocab)) {
    throw new UnsupportedTokenizerError(`model ${modelType} has no vocab object`);
  }
  return new Map(Object.entries(vocab as Record<string, number>));
}

/** Greedy longest-match-first WordPiece, as in BERT. */
export class WordPieceModel implements TokenModel {
  readonly vocabulary: Map<string, number>;
  private readonly unknownId: number;
  private readonly prefix: string;
  private readonly maxCharacters: number;

  constructor(config: Json) {
    this.vocabulary = readVocabulary(config, 'WordPiece');
    const unknown = typeof config.unk_token === 'string' ? config.unk_token : '[UNK]';
    const unknownId = this.vocabulary.get(unknown);
    if (unknownId === undefined) {
      throw new UnsupportedTokenizerError(
        `model WordPiece: the unknown token ${unknown} is not in the vocabulary`,
      );
    }
    this.unknownId = unknownId;
    this.prefix =
      typeof config.continuing_subword_prefix === 'string' ? config.continuing_subword_prefix : '##';
    this.maxCharacters =
      typeof config.max_input_chars_per_word === 'number' ? config.max_input_chars_per_word : 100;
  }

  tokenize(word: string): number[] {
    const characters = Array.from(word);
    if (characters.length > this.maxCharacters) return [this.unknownId];
    const ids: number[] = [];
    let start = 0;
    while (start < characters.length) {
      let end = characters.length;
      let found: number | undefined;
      while (start < end) {
        const piece = characters.slice(start, end).join('');
        found = this.vocabulary.get(start > 0 ? this.prefix + piece : piece);
        if (found !== undefined) break;
        end -= 1;
      }
      // A word with any piece missing from the vocabulary becomes one unknown token.
      if (found === undefined) return [this.unknownId];
      ids.push(found);
      start = end;
    }
    return ids;
  }
}

/**
 * Byte-pair encoding: starts from the word's characters and repeatedly merges the adjacent pair
 * with the lowest merge rank, the leftmost first among equal ranks.
 */
export class BpeModel implements TokenModel {
  readonly vocabulary: Map<string, number>;
  private readonly ranks = new Map<string, number>();
  private readonly unknownId: number | undefined;
  private readonly fuseUnknown: boolean;
  private readonly prefix: string;
  private readonly suffix: string;
  private readonly ignoreMerges: boolean;

  constructor(config: Json) {
    this.vocabulary = readVocabulary(config, 'BPE');
    if (config.dropout !== null && config.dropout !== undefined && config.dropout !== 0) {
      throw new UnsupportedTokenizerError('model BPE with dropout is not supported, because it is random');
    }
    if (config.byte_fallback === true) {
      throw new UnsupportedTokenizerError('model BPE with byte_fallback is not supported');
    }
    this.prefix =
      typeof config.continuing_subword_prefix === 'string' ? config.continuing_subword_prefix : '';
    const merges = Array.isArray(config.merges) ? config.merges : [];
    merges.forEach((merge: unknown, rank: number) => {
      const pair = typeof merge === 'string' ? merge.split(' ') : (merge as string[]);
      if (pair.length !== 2) throw new UnsupportedTokenizerError(`model BPE: merge ${rank} is not a pair`);
      const [left, right] = pair as [string, string];
      if (!this.vocabulary.has(left + this.stripPrefix(right))) {
        throw new UnsupportedTokenizerError(
          `model BPE: merge ${rank} makes a token missing from the vocabulary`,
        );
      }
      const key = `${left} ${right}`;
      if (!this.ranks.has(key)) this.ranks.set(key, rank);
    });
    const unknown = typeof config.unk_token === 'string' ? config.unk_token : undefined;
    this.unknownId = unknown === undefined ? undefined : this.vocabulary.get(unknown);
    if (unknown !== undefined && this.unknownId === undefined) {
      throw new UnsupportedTokenizerError(`model BPE: the unknown token ${unknown} is not in the vocabulary`);
    }
    this.fuseUnknown = config.fuse_unk === true;
    this.suffix = typeof config.end_of_word_suffix === 'string' ? config.end_of_word_suffix : '';
    this.ignoreMerges = config.ignore_merges === true;
  }

  tokenize(word: string): number[] {
    if (this.ignoreMerges) {
      const whole = this.vocabulary.get(word);
      if (whole !== undefined) return [whole];
    }
    const characters = Array.from(word);
    // null marks an unknown character, which never merges.
    const symbols: (string | null)[] = characters.map((character, i) => {
      let symbol = character;
      if (i > 0) symbol = this.prefix + symbol;
      if (i === characters.length - 1) symbol += this.suffix;
      return this.vocabulary.has(symbol) ? symbol : null;
    });
    for (;;) {
      let bestRank = Number.POSITIVE_INFINITY;
      let bestIndex = -1;
      for (let i = 0; i + 1 < symbols.length; i += 1) {
        const left = symbols[i];
        const right = symbols[i + 1];
        if (left === null || left === undefined || right === null || right === undefined) continue;
        const rank = this.ranks.get(`${left} ${right}`);
        if (rank !== undefined && rank < bestRank) {
          bestRank = rank;
          bestIndex = i;
        }
      }
      if (bestIndex < 0) break;
      const merged = `${symbols[bestIndex]}${this.stripPrefix(symbols[bestIndex + 1] as string)}`;
      symbols.splice(bestIndex, 2, merged);
    }
    const ids: number[] = [];
    let previousUnknown = false;
    for (const symbol of symbols) {
      if (symbol === null) {
        // NOTE: without an unknown token the character is dropped, as tokenizers' BPE does; no
        // parity fixture covers this case.
        if (this.unknownId !== undefined && !(this.fuseUnknown && previousUnknown)) ids.push(this.unknownId);
        previousUnknown = true;
        continue;
      }
      ids.push(this.vocabulary.get(symbol) as number);
      previousUnknown = false;
    }
    return ids;
  }

  private stripPrefix(symbol: string): string {
    return this.prefix && symbol.startsWith(this.prefix) ? symbol.slice(this.prefix.length) : symbol;
  }
}

export function buildModel(config: unknown): TokenModel {
  const json = (config ?? {}) as Json;
  switch (json.type) {
    case 'WordPiece':
      return new WordPieceModel(json);
    case 'BPE':
      return new BpeModel(json);
    default:
      throw new UnsupportedTokenizerError(
        `model ${String(json.type)} is not supported (supported: ${SUPPORTED_MODELS})`,
      );
  }
}
