import { ngramFromKey, ngramKey } from './features.js';

const NGRAM_PREFIX = 'g\t';
const TOKEN_PREFIX = 'w\t';

/** One vocabulary entry: a character n-gram (by its numeric key) or a whole token. */
export type VocabularyEntry = { kind: 'ngram'; key: number } | { kind: 'token'; token: string };

/**
 * Open-addressing hash table from n-gram keys to feature indices, with linear probing. Keys and
 * values live in two typed arrays with no per-entry object, because looking up several hundred
 * n-grams per text is the inner loop of embedding.
 */
class NgramTable {
  private readonly keys: Float64Array;
  private readonly values: Int32Array;
  private readonly mask: number;

  constructor(entries: readonly (readonly [key: number, index: number])[]) {
    let capacity = 16;
    while (capacity < entries.length * 2) {
      capacity *= 2;
    }
    this.keys = new Float64Array(capacity);
    this.values = new Int32Array(capacity).fill(-1);
    this.mask = capacity - 1;
    for (const [key, index] of entries) {
      let slot = this.slotOf(key);
      while (this.keys[slot] !== 0 && this.keys[slot] !== key) {
        slot = (slot + 1) & this.mask;
      }
      this.keys[slot] = key;
      this.values[slot] = index;
    }
  }

  /** Returns the feature index of `key`, or -1. Keys are never 0 (see `ngramKey`), so 0 marks a free slot. */
  get(key: number): number {
    let slot = this.slotOf(key);
    for (;;) {
      const stored = this.keys[slot];
      if (stored === key) {
        return this.values[slot] as number;
      }
      if (stored === 0) {
        return -1;
      }
      slot = (slot + 1) & this.mask;
    }
  }

  private slotOf(key: number): number {
    // Mixes both 32-bit halves of the key, then applies the MurmurHash3 32-bit finaliser.
    let hash = (key >>> 0) ^ Math.imul(Math.floor(key / 4294967296), 0x9e3779b1);
    hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
    hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
    return (hash ^ (hash >>> 16)) & this.mask;
  }
}

/** The feature vocabulary of a fitted TF-IDF model, with each feature's column index. */
export class Vocabulary {
  readonly size: number;
  private readonly ngrams: NgramTable;
  private readonly tokens: Map<string, number>;
  private readonly entries: readonly VocabularyEntry[];

  constructor(entries: readonly VocabularyEntry[]) {
    this.entries = entries;
    this.size = entries.length;
    const ngramEntries: [number, number][] = [];
    this.tokens = new Map();
    entries.forEach((entry, index) => {
      if (entry.kind === 'ngram') {
        ngramEntries.push([entry.key, index]);
      } else {
        this.tokens.set(entry.token, index);
      }
    });
    this.ngrams = new NgramTable(ngramEntries);
  }

  /** Returns the column index of an n-gram key, or -1 when it is not in the vocabulary. */
  indexOfNgram(key: number): number {
    return this.ngrams.get(key);
  }

  /** Returns the column index of a whole token, or -1 when it is not in the vocabulary. */
  indexOfToken(token: string): number {
    return this.tokens.get(token) ?? -1;
  }

  /**
   * Serialises the vocabulary as text, one feature a line in column order: `g<TAB>n-gram` or
   * `w<TAB>token`. Tokens contain only letters and digits, so neither tabs nor line breaks occur.
   */
  toText(): string {
    const lines = this.entries.map((entry) =>
      entry.kind === 'ngram' ? `${NGRAM_PREFIX}${ngramFromKey(entry.key)}` : `${TOKEN_PREFIX}${entry.token}`,
    );
    return `${lines.join('\n')}\n`;
  }

  /**
   * Parses text written by `toText`. Throws a RangeError naming the line of a malformed or duplicate
   * entry. The caller adds the file name.
   */
  static fromText(text: string): Vocabulary {
    const lines = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n');
    if (lines.length === 1 && lines[0] === '') {
      return new Vocabulary([]);
    }
    const seen = new Set<string>();
    const entries = lines.map((line, index): VocabularyEntry => {
      if (seen.has(line)) {
        throw new RangeError(`duplicate entry on line ${index + 1}`);
      }
      seen.add(line);
      const value = line.slice(2);
      if (line.startsWith(TOKEN_PREFIX) && value !== '') {
        return { kind: 'token', token: value };
      }
      if (line.startsWith(NGRAM_PREFIX) && (value.length === 2 || value.length === 3)) {
        return { kind: 'ngram', key: ngramKey(value) };
      }
      throw new RangeError(`malformed entry on line ${index + 1}`);
    });
    return new Vocabulary(entries);
  }
}
