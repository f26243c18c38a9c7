import { describe, expect, it } from 'vitest';
import { ngramFromKey, ngramKey, visitFeatures } from '../../../engine/embed/features.js';

function features(text: string): { ngrams: string[]; tokens: string[] } {
  const ngrams: string[] = [];
  const tokens: string[] = [];
  visitFeatures(text, {
    ngram: (key) => ngrams.push(ngramFromKey(key)),
    token: (token) => tokens.push(token),
  });
  return { ngrams, tokens };
}

describe('visitFeatures', () => {
  it('emits tokens and syllable n-grams', () => {
    expect(features('미세유체 칩을, LED!')).toEqual({
      tokens: ['미세유체', '칩을', 'led'],
      ngrams: ['미세', '미세유', '세유', '세유체', '유체', '칩을', 'le', 'led', 'ed'],
    });
  });

  it('normalises decomposed Hangul', () => {
    expect(features('칩'.normalize('NFD')).tokens).toEqual(['칩']);
  });

  it('skips n-grams with surrogate pairs', () => {
    expect(features('가😀나').ngrams).toEqual([]);
  });
});

describe('ngramKey', () => {
  it('round trips bigrams and trigrams', () => {
    for (const ngram of ['기판', '기판을', 'ab', 'ㄱㄴ']) {
      expect(ngramFromKey(ngramKey(ngram))).toBe(ngram);
    }
  });

  it('keeps bigram and trigram keys apart', () => {
    expect(ngramKey('\u0001\u0001\u0001')).toBeGreaterThanOrEqual(2 ** 32);
    expect(ngramKey('\uffff\uffff')).toBeLessThan(2 ** 32);
  });

  it('rejects other lengths', () => {
    expect(() => ngramKey('가')).toThrow(RangeError);
    expect(() => ngramKey('가나다라')).toThrow(RangeError);
  });
});
