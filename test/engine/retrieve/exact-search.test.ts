import { describe, expect, it } from 'vitest';
import { ExactIndex } from '../../../engine/retrieve/exact-search.js';

describe('ExactIndex', () => {
  const index = new ExactIndex(2, 1);
  index.addBatch(
    [10, 20, 30, 40],
    [Float32Array.of(1, 0), Float32Array.of(1, 1), Float32Array.of(0, 1), Float32Array.of(-1, 0)],
  );

  it('returns top k by cosine', () => {
    const hits = index.search(Float32Array.of(3, 0), 3);
    expect(hits.map((hit) => hit.label)).toEqual([10, 20, 30]);
    expect(hits[0]?.similarity).toBeCloseTo(1, 6);
    expect(hits[1]?.similarity).toBeCloseTo(Math.SQRT1_2, 6);
    expect(hits[2]?.similarity).toBeCloseTo(0, 6);
  });

  it('clamps k to size', () => {
    expect(index.search(Float32Array.of(1, 0), 50)).toHaveLength(4);
    expect(index.search(Float32Array.of(1, 0), 0)).toEqual([]);
  });

  it('orders ties by insertion', () => {
    const ties = new ExactIndex(2);
    ties.addBatch([7, 3, 5], [Float32Array.of(1, 0), Float32Array.of(2, 0), Float32Array.of(0, 1)]);
    expect(ties.search(Float32Array.of(1, 0), 2).map((hit) => hit.label)).toEqual([7, 3]);
  });

  it('replaces vector of existing label', () => {
    const replaced = new ExactIndex(2);
    replaced.add(1, Float32Array.of(1, 0));
    replaced.add(2, Float32Array.of(0, 1));
    replaced.add(1, Float32Array.of(0, -1));
    expect(replaced.size).toBe(2);
    expect(replaced.search(Float32Array.of(0, 1), 2).map((hit) => hit.label)).toEqual([2, 1]);
  });

  it('scores zero vector as zero', () => {
    const withZero = new ExactIndex(2);
    withZero.add(1, Float32Array.of(0, 0));
    expect(withZero.search(Float32Array.of(1, 0), 1)[0]?.similarity).toBe(0);
    expect(withZero.has(1)).toBe(true);
  });

  it('rejects wrong dimension', () => {
    expect(() => index.add(1, Float32Array.of(1, 2, 3))).toThrow(RangeError);
    expect(() => index.search(Float32Array.of(1), 1)).toThrow(RangeError);
  });
});
