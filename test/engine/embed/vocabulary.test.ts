import { describe, expect, it } from 'vitest';
import { ngramKey } from '../../../engine/embed/features.js';
import { Vocabulary } from '../../../engine/embed/vocabulary.js';

describe('Vocabulary', () => {
  const vocabulary = new Vocabulary([
    { kind: 'ngram', key: ngramKey('기판') },
    { kind: 'token', token: '기판을' },
    { kind: 'ngram', key: ngramKey('기판을') },
  ]);

  it('looks up columns', () => {
    expect(vocabulary.indexOfNgram(ngramKey('기판'))).toBe(0);
    expect(vocabulary.indexOfToken('기판을')).toBe(1);
    expect(vocabulary.indexOfNgram(ngramKey('기판을'))).toBe(2);
    expect(vocabulary.indexOfNgram(ngramKey('전극'))).toBe(-1);
    expect(vocabulary.indexOfToken('기판')).toBe(-1);
  });

  it('round trips through text', () => {
    const text = vocabulary.toText();
    expect(text).toBe('g\t기판\nw\t기판을\ng\t기판을\n');
    expect(Vocabulary.fromText(text).toText()).toBe(text);
  });

  it('finds every key in a large table', () => {
    const entries = Array.from({ length: 5000 }, (_, i) => ({
      kind: 'ngram' as const,
      key: ngramKey(String.fromCharCode(0xac00 + (i % 100), 0xac00 + Math.floor(i / 100))),
    }));
    const large = new Vocabulary(entries);
    entries.forEach((entry, index) => {
      expect(large.indexOfNgram(entry.key)).toBe(index);
    });
  });

  it('rejects malformed lines', () => {
    expect(() => Vocabulary.fromText('g\t기판\nx\t전극\n')).toThrow('line 2');
    expect(() => Vocabulary.fromText('g\t기\n')).toThrow('line 1');
    expect(() => Vocabulary.fromText('w\t기판\nw\t기판\n')).toThrow('duplicate entry on line 2');
  });
});
