import { describe, expect, it } from 'vitest';
import { mean, ndcgAtK, recallAtK, scoreRankings } from '../../../engine/evaluate/metrics.js';

describe('recallAtK', () => {
  it('counts relevant ids in the first K', () => {
    const ranked = [4, 7, 1, 9, 3];
    const relevant = new Set([7, 3, 8]);
    expect(recallAtK(ranked, relevant, 1)).toBe(0);
    expect(recallAtK(ranked, relevant, 2)).toBeCloseTo(1 / 3, 12);
    expect(recallAtK(ranked, relevant, 5)).toBeCloseTo(2 / 3, 12);
  });

  it('handles short rankings and empty sets', () => {
    expect(recallAtK([1], new Set([1, 2]), 10)).toBe(0.5);
    expect(recallAtK([1, 2], new Set(), 10)).toBe(0);
    expect(recallAtK([], new Set([1]), 10)).toBe(0);
  });
});

describe('ndcgAtK', () => {
  it('matches a hand-computed case', () => {
    // Hits at ranks 2 and 4: DCG = 1/log2(3) + 1/log2(5) = 0.63093 + 0.43068 = 1.06161.
    // Two relevant ids: IDCG = 1/log2(2) + 1/log2(3) = 1.63093. NDCG = 0.65093.
    const value = ndcgAtK([5, 1, 6, 2, 7], new Set([1, 2]), 5);
    expect(value).toBeCloseTo(1.0616063 / 1.6309298, 6);
  });

  it('is 1 for a perfect ranking', () => {
    expect(ndcgAtK([3, 1, 9], new Set([3, 1]), 3)).toBeCloseTo(1, 12);
  });

  it('caps the ideal gain at K', () => {
    // Three relevant ids but K = 1: a hit at rank 1 is perfect.
    expect(ndcgAtK([2, 9], new Set([2, 3, 4]), 1)).toBeCloseTo(1, 12);
  });

  it('is 0 without hits or relevant ids', () => {
    expect(ndcgAtK([1, 2], new Set([3]), 2)).toBe(0);
    expect(ndcgAtK([1, 2], new Set(), 2)).toBe(0);
  });
});

describe('scoreRankings', () => {
  it('averages per K over queries', () => {
    const scores = scoreRankings(
      [
        { ranked: [1, 2], relevant: new Set([1]) },
        { ranked: [3, 4], relevant: new Set([4]) },
      ],
      [1, 2],
    );
    expect(scores.queries).toBe(2);
    expect(scores.recall[1]).toBe(0.5);
    expect(scores.recall[2]).toBe(1);
    expect(scores.ndcg[1]).toBe(0.5);
    expect(scores.ndcg[2]).toBeCloseTo((1 + 1 / Math.log2(3)) / 2, 12);
  });

  it('averages an empty list to 0', () => {
    expect(mean([])).toBe(0);
  });
});
