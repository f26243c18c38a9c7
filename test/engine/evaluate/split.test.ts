import { describe, expect, it } from 'vitest';
import { pairKey, sampleIds, splitPairsByDate } from '../../../engine/evaluate/split.js';

const row = (a: number, b: number, date: string | null) => ({ a, b, date, kind: 'partnership' });

describe('splitPairsByDate', () => {
  it('holds out the pairs first seen last', () => {
    const split = splitPairsByDate(
      [
        row(1, 2, '2020-01-01'),
        row(2, 1, '2023-05-01'),
        row(1, 3, '2021-01-01'),
        row(3, 4, '2022-01-01'),
        row(4, 5, '2023-01-01'),
        row(5, 6, null),
      ],
      0.25,
    );
    expect(split.cutoff).toBe('2022-01-01');
    expect(split.pairs).toEqual({ total: 5, undated: 1, train: 4, heldOut: 1 });
    expect([...split.heldOutKeys]).toEqual([pairKey(4, 5)]);
    expect(split.heldOutPartners.get(4)).toEqual(new Set([5]));
    expect(split.heldOutPartners.get(5)).toEqual(new Set([4]));
    // The pair 1-2 interacted again after the cutoff, but it was known before: training only.
    expect(split.trainPartners.get(1)).toEqual(new Set([2, 3]));
    expect(split.heldOutPartners.has(1)).toBe(false);
  });

  it('counts training interactions without later events', () => {
    const split = splitPairsByDate(
      [row(1, 2, '2020-01-01'), row(1, 2, '2024-01-01'), row(1, 3, '2021-01-01'), row(2, 3, '2025-01-01')],
      // Three dated pairs: ceil(3 x 0.6) = 2 are training pairs, so the cutoff is the second date.
      0.4,
    );
    expect(split.cutoff).toBe('2021-01-01');
    expect(split.trainInteractions.get(1)).toBe(2);
    expect(split.trainInteractions.get(2)).toBe(1);
  });

  it('rejects a fraction outside (0, 1)', () => {
    expect(() => splitPairsByDate([], 0)).toThrow(RangeError);
    expect(() => splitPairsByDate([], 1)).toThrow(RangeError);
  });
});

describe('sampleIds', () => {
  it('is deterministic and nested', () => {
    const ids = Array.from({ length: 100 }, (_, i) => i + 1);
    const small = sampleIds(ids, 10, 7);
    expect(sampleIds(ids, 10, 7)).toEqual(small);
    expect(small).toHaveLength(10);
    const large = sampleIds(ids, 20, 7);
    for (const id of small) expect(large).toContain(id);
    expect(sampleIds(ids, 10, 8)).not.toEqual(small);
  });
});
