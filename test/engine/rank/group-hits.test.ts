import { describe, expect, it } from 'vitest';
import { groupHitsByCompany, type Hit } from '../../../engine/rank/group-hits.js';

describe('groupHitsByCompany', () => {
  const owners = new Map<number, number[]>([
    [1, [10]],
    [2, [10]],
    [3, [20]],
    [4, [20, 30]],
    [5, [99]],
  ]);

  it('orders by hit count, then best similarity', () => {
    const hits: Hit[] = [
      { kind: 'patent', label: 3, similarity: 0.95 },
      { kind: 'patent', label: 1, similarity: 0.5 },
      { kind: 'patent', label: 2, similarity: 0.4 },
      { kind: 'patent', label: 4, similarity: 0.3 },
    ];
    const groups = groupHitsByCompany(hits, owners, new Set());
    expect(groups.map((g) => g.companyId)).toEqual([20, 10, 30]);
    expect(groups[0]?.hitCount).toBe(2);
    expect(groups[0]?.bestSimilarity).toBe(0.95);
    expect(groups[1]?.hitCount).toBe(2);
    expect(groups[1]?.bestSimilarity).toBe(0.5);
  });

  it('credits co-owned patents to every owner', () => {
    const groups = groupHitsByCompany([{ kind: 'patent', label: 4, similarity: 0.7 }], owners, new Set());
    expect(groups.map((g) => g.companyId).sort()).toEqual([20, 30]);
  });

  it('counts profile hits for the profile owner', () => {
    const groups = groupHitsByCompany(
      [
        { kind: 'profile', label: 77, similarity: 0.8 },
        { kind: 'patent', label: 5, similarity: 0.2 },
      ],
      owners,
      new Set(),
    );
    expect(groups[0]?.companyId).toBe(77);
    expect(groups[0]?.hits[0]?.kind).toBe('profile');
  });

  it('leaves out excluded companies and unowned patents', () => {
    const groups = groupHitsByCompany(
      [
        { kind: 'patent', label: 1, similarity: 0.9 },
        { kind: 'patent', label: 42, similarity: 0.9 },
        { kind: 'patent', label: 3, similarity: 0.1 },
      ],
      owners,
      new Set([10]),
    );
    expect(groups.map((g) => g.companyId)).toEqual([20]);
  });

  it('sums similarities into the score', () => {
    const groups = groupHitsByCompany(
      [
        { kind: 'patent', label: 1, similarity: 0.25 },
        { kind: 'patent', label: 2, similarity: 0.5 },
      ],
      owners,
      new Set(),
    );
    expect(groups[0]?.score).toBeCloseTo(0.75);
  });

  it('does not count hits outside the first window', () => {
    const groups = groupHitsByCompany(
      [
        { kind: 'patent', label: 3, similarity: 0.9, counted: true },
        { kind: 'patent', label: 1, similarity: 0.2, counted: false },
        { kind: 'patent', label: 2, similarity: 0.1, counted: false },
      ],
      owners,
      new Set(),
    );
    expect(groups.map((g) => [g.companyId, g.hitCount])).toEqual([
      [20, 1],
      [10, 0],
    ]);
    expect(groups[1]?.hits).toHaveLength(2);
  });
});
