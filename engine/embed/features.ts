/**
 * Feature extraction for the TF-IDF embedder: whole tokens and character n-grams inside tokens.
 * Korean attaches particles and endings to the stem (`기판을`, `기판의`), so syllable bigrams and
 * trigrams match the stem where whole tokens do not.
 */

/** Feature settings of format version 1. They are stored in the model metadata and hashed into the space id. */
export const FEATURE_SETTINGS = {
  unicodeNormalization: 'NFC',
  lowercase: true,
  tokenPattern: '[\\p{L}\\p{N}]+',
  ngramSizes: [2, 3],
  wholeTokens: true,
} as const;

export type FeatureSettings = typeof FEATURE_SETTINGS;

const TOKEN_PATTERN = /[\p{L}\p{N}]+/gu;
const UTF16_RADIX = 65536;

/** Receives the features of one text, in order of appearance and with repeats. */
export interface FeatureVisitor {
  /** Called with the numeric key of a character n-gram (see `ngramKey`). */
  ngram(key: number): void;
  /** Called with a whole token. */
  token(token: string): void;
}

/**
 * Visits every feature of `text`: each token matched by FEATURE_SETTINGS.tokenPattern after NFC
 * normalisation and lowercasing, and every character bigram and trigram inside each token.
 * N-grams are counted in UTF-16 code units, which equal characters for Hangul syllables. N-grams
 * that contain half of a surrogate pair (emoji, rare CJK ideographs) are skipped, because a lone
 * surrogate cannot be written to the UTF-8 vocabulary file.
 */
export function visitFeatures(text: string, visitor: FeatureVisitor): void {
  const normalized = text.normalize('NFC').toLowerCase();
  for (const match of normalized.matchAll(TOKEN_PATTERN)) {
    const token = match[0];
    visitor.token(token);
    const length = token.length;
    for (let start = 0; start + 2 <= length; start += 1) {
      const first = token.charCodeAt(start);
      const second = token.charCodeAt(start + 1);
      if (isSurrogate(first) || isSurrogate(second)) {
        continue;
      }
      const bigramKey = first * UTF16_RADIX + second;
      visitor.ngram(bigramKey);
      if (start + 3 <= length) {
        const third = token.charCodeAt(start + 2);
        if (!isSurrogate(third)) {
          visitor.ngram(bigramKey * UTF16_RADIX + third);
        }
      }
    }
  }
}

function isSurrogate(codeUnit: number): boolean {
  return codeUnit >= 0xd800 && codeUnit <= 0xdfff;
}

/**
 * Encodes an n-gram of two or three UTF-16 code units as one integer, in base 65536. A bigram key
 * is below 2^32 and a trigram key is at least 2^32 (the first code unit is never 0), so the two
 * never collide, and every key stays below 2^48, within the exact integer range of a double.
 */
export function ngramKey(ngram: string): number {
  if (ngram.length < 2 || ngram.length > 3) {
    throw new RangeError(`Invalid n-gram '${ngram}': expected 2 or 3 UTF-16 code units.`);
  }
  let key = 0;
  for (let index = 0; index < ngram.length; index += 1) {
    key = key * UTF16_RADIX + ngram.charCodeAt(index);
  }
  return key;
}

/** Decodes a key made by `ngramKey` back to its string. */
export function ngramFromKey(key: number): string {
  const codeUnits: number[] = [];
  let rest = key;
  while (rest > 0) {
    codeUnits.unshift(rest % UTF16_RADIX);
    rest = Math.floor(rest / UTF16_RADIX);
  }
  return String.fromCharCode(...codeUnits);
}
