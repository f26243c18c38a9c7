import { describe, expect, it } from 'vitest';
import { parseStringList } from '../../../../data/import/formats/naver.js';

describe('parseStringList', () => {
  it('reads Python list literals', () => {
    expect(parseStringList("['반도체 재료/부품', '여름']")).toEqual(['반도체 재료/부품', '여름']);
  });
  it('reads double quotes and escapes', () => {
    expect(parseStringList(`["it's", 'a\\'b']`)).toEqual(["it's", "a'b"]);
  });
  it('returns no themes for empty cells', () => {
    expect(parseStringList('')).toEqual([]);
    expect(parseStringList('[]')).toEqual([]);
  });
  it('rejects other text', () => {
    expect(parseStringList('반도체, 여름')).toEqual({
      reason: 'malformed theme list',
      value: '반도체, 여름',
    });
    expect(parseStringList("['unterminated]")).toEqual({
      reason: 'malformed theme list',
      value: "['unterminated]",
    });
  });
});
