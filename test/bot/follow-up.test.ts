import { describe, expect, it } from 'vitest';
import { type FollowUp, parseFollowUp } from '../../bot/follow-up.js';

describe('parseFollowUp', () => {
  it.each<[string, FollowUp]>([
    ['tell me more about #2', { kind: 'details', rank: 2 }],
    ['details 3', { kind: 'details', rank: 3 }],
    ['#4', { kind: 'details', rank: 4 }],
    ['2번 자세히', { kind: 'details', rank: 2 }],
    ['두 번째 회사 알려줘', { kind: 'details', rank: 2 }],
    ['the second one?', { kind: 'details', rank: 2 }],
    ['2번 특허 보여줘', { kind: 'patents', rank: 2 }],
    ['patents of 5', { kind: 'patents', rank: 5 }],
    ['why #3?', { kind: 'why', rank: 3 }],
    ['3번 왜?', { kind: 'why', rank: 3 }],
    ['3rd 이유가 뭐야', { kind: 'why', rank: 3 }],
    ['compare 1 and 4', { kind: 'compare', ranks: [1, 4] }],
    ['1번이랑 4번 비교해줘', { kind: 'compare', ranks: [1, 4] }],
    ['#2 vs #5', { kind: 'compare', ranks: [2, 5] }],
    ['compare 2', { kind: 'compare_incomplete' }],
    ['more', { kind: 'more' }],
    ['show more', { kind: 'more' }],
    ['next', { kind: 'more' }],
    ['더 보여줘', { kind: 'more' }],
    ['다음', { kind: 'more' }],
    ['exclude 2', { kind: 'exclude', rank: 2 }],
    ['2번 제외', { kind: 'exclude', rank: 2 }],
    ['2번 빼줘', { kind: 'exclude', rank: 2 }],
    ['valuation of 2', { kind: 'valuation', rank: 2 }],
    ['how much is #1 worth', { kind: 'valuation', rank: 1 }],
    ['2번 기업가치', { kind: 'valuation', rank: 2 }],
    ['1번 시총 차트', { kind: 'valuation', rank: 1 }],
    ['list', { kind: 'list' }],
    ['목록 다시', { kind: 'list' }],
    ['help', { kind: 'help' }],
    ['뭘 할 수 있어?', { kind: 'help' }],
    ['thanks, looks good', { kind: 'unknown' }],
    ['', { kind: 'unknown' }],
  ])('reads %j', (text, expected) => {
    expect(parseFollowUp(text)).toEqual(expected);
  });

  it('reads full-width digits', () => {
    expect(parseFollowUp('２번 자세히')).toEqual({ kind: 'details', rank: 2 });
  });

  it('ignores decimals, which are not ranks', () => {
    expect(parseFollowUp('similarity 0.85?')).toEqual({ kind: 'unknown' });
  });
});
