import { describe, expect, it } from 'vitest';
import { removeParentheticalGlosses } from '../../../engine/summarize/glosses.js';

describe('removeParentheticalGlosses', () => {
  it.each([
    ['미세유체 칩(microfluidic chip)을 포함한다.', '미세유체 칩을 포함한다.'],
    ['반도체(半導體) 소자', '반도체 소자'],
    ['발광 다이오드（LED） 모듈', '발광 다이오드 모듈'],
    ['항체(antibody (IgG) fragment)를 결합한다.', '항체를 결합한다.'],
    ['삽입구(2)의 전방에 구비된 인자로울러(4a)와', '삽입구의 전방에 구비된 인자로울러와'],
    ['(a) 기판을 준비하는 단계', '기판을 준비하는 단계'],
    ['리튬 이차전지 (lithium secondary battery) 는', '리튬 이차전지 는'],
  ])('removes gloss in %s', (input, expected) => {
    expect(removeParentheticalGlosses(input)).toBe(expected);
  });

  it('keeps formulas and conditions', () => {
    expect(removeParentheticalGlosses('조성비(0.1 ≤ x ≤ 0.5)를 만족한다.')).toBe(
      '조성비(0.1 ≤ x ≤ 0.5)를 만족한다.',
    );
    expect(removeParentheticalGlosses('합금(A + B (C))')).toBe('합금(A + B (C))');
  });

  it('leaves unmatched brackets', () => {
    expect(removeParentheticalGlosses('센서(sensor 모듈')).toBe('센서(sensor 모듈');
    expect(removeParentheticalGlosses('센서) 모듈')).toBe('센서) 모듈');
  });

  it('keeps square brackets', () => {
    expect(removeParentheticalGlosses('[화학식 1] 로 표시된다.')).toBe('[화학식 1] 로 표시된다.');
  });

  it('keeps line breaks and trims spaces', () => {
    expect(removeParentheticalGlosses('  첫 문장 (first) .  \n  둘째 문장  ')).toBe('첫 문장.\n둘째 문장');
  });

  it('returns empty string for empty input', () => {
    expect(removeParentheticalGlosses('')).toBe('');
    expect(removeParentheticalGlosses('(요약 없음)')).toBe('');
  });
});
