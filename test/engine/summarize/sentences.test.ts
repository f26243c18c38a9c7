import { describe, expect, it } from 'vitest';
import { countTokens, splitSentences } from '../../../engine/summarize/sentences.js';

describe('splitSentences', () => {
  it('splits at Korean sentence endings', () => {
    expect(splitSentences('기판을 제공한다. 전극을 형성함. 효과가 있음. 가능한가? 그렇다!')).toEqual([
      '기판을 제공한다.',
      '전극을 형성함.',
      '효과가 있음.',
      '가능한가?',
      '그렇다!',
    ]);
  });

  it('splits at line breaks', () => {
    expect(splitSentences('첫째 줄\n\n둘째 줄')).toEqual(['첫째 줄', '둘째 줄']);
  });

  it('splits a period without a following space', () => {
    expect(splitSentences('제공한다.본 발명은 효과가 있다.')).toEqual([
      '제공한다.',
      '본 발명은 효과가 있다.',
    ]);
  });

  it('keeps decimal numbers whole', () => {
    expect(splitSentences('두께는 0.5 mm 내지 1.2 mm이다. 끝이다.')).toEqual([
      '두께는 0.5 mm 내지 1.2 mm이다.',
      '끝이다.',
    ]);
  });

  it('returns no sentences for blank text', () => {
    expect(splitSentences('  \n ')).toEqual([]);
  });
});

describe('countTokens', () => {
  it('counts whitespace tokens', () => {
    expect(countTokens(' 본 발명은\t전극에  관한 것이다.\n')).toBe(5);
    expect(countTokens('')).toBe(0);
  });
});
