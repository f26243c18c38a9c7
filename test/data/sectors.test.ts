import { describe, expect, it } from 'vitest';
import { classifySector, resolveSector } from '../../data/sectors.js';

describe('resolveSector', () => {
  it.each([
    ['bio', 'bio'],
    ['Bio', 'bio'],
    ['바이오', 'bio'],
    ['제약', 'bio'],
    ['반도체', 'semiconductor'],
    ['semiconductor', 'semiconductor'],
    ['2차전지', 'battery'],
    ['software', 'software'],
  ])('resolves %s', (input, code) => {
    expect(resolveSector(input)?.code).toBe(code);
  });

  it('returns undefined for an unknown sector', () => {
    expect(resolveSector('astrology')).toBeUndefined();
    expect(resolveSector('  ')).toBeUndefined();
  });
});

describe('classifySector', () => {
  it.each([
    [['의약품 제조업'], 'bio'],
    [['반도체 제조업'], 'semiconductor'],
    [['통신 및 방송 장비 제조업'], 'electronics'],
    [['전기 통신업'], 'telecom'],
    [['소프트웨어 개발 및 공급업'], 'software'],
    [[null, '건강관리'], 'bio'],
    [['알 수 없음'], 'other'],
  ] as const)('classifies %j', (labels, code) => {
    expect(classifySector(labels)).toBe(code);
  });

  it('prefers the first label that matches', () => {
    expect(classifySector(['자동차 신품 부품 제조업', '전기전자'])).toBe('auto');
  });
});
