import { describe, expect, it } from 'vitest';
import { hashLabels, hashUnit, Rng } from '../../../data/generate/prng.js';

describe('Rng', () => {
  it('repeats the same sequence for the same seed', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const first = Array.from({ length: 20 }, () => a.nextUint32());
    const second = Array.from({ length: 20 }, () => b.nextUint32());
    expect(first).toEqual(second);
  });

  it('differs between seeds', () => {
    const a = Array.from(
      { length: 5 },
      (
        (rng) => () =>
          rng.nextUint32()
      )(new Rng(1)),
    );
    const b = Array.from(
      { length: 5 },
      (
        (rng) => () =>
          rng.nextUint32()
      )(new Rng(2)),
    );
    expect(a).not.toEqual(b);
  });

  it('keeps next() in [0, 1)', () => {
    const rng = new Rng(7);
    let sum = 0;
    for (let i = 0; i < 20_000; i++) {
      const value = rng.next();
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
      sum += value;
    }
    expect(sum / 20_000).toBeCloseTo(0.5, 1);
  });

  it('draws standard normals', () => {
    const rng = new Rng(11);
    const values = Array.from({ length: 20_000 }, () => rng.normal());
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
    expect(Math.abs(mean)).toBeLessThan(0.05);
    expect(variance).toBeGreaterThan(0.9);
    expect(variance).toBeLessThan(1.1);
  });

  it('draws gamma variates with mean equal to the shape', () => {
    const rng = new Rng(3);
    for (const shape of [0.3, 1, 4]) {
      const values = Array.from({ length: 20_000 }, () => rng.gamma(shape));
      const mean = values.reduce((s, v) => s + v, 0) / values.length;
      expect(mean).toBeGreaterThan(shape * 0.9);
      expect(mean).toBeLessThan(shape * 1.1);
    }
  });

  it('samples distinct items', () => {
    const picked = new Rng(5).sample([1, 2, 3, 4, 5, 6], 4);
    expect(picked).toHaveLength(4);
    expect(new Set(picked).size).toBe(4);
  });

  it('derives independent streams per label', () => {
    expect(Rng.derive(9, 'company', 1).nextUint32()).not.toBe(Rng.derive(9, 'company', 2).nextUint32());
    expect(Rng.derive(9, 'company', 1).nextUint32()).toBe(Rng.derive(9, 'company', 1).nextUint32());
  });
});

describe('hashLabels', () => {
  it('is stable and order-sensitive', () => {
    expect(hashLabels(1, 'pair', 3, 4)).toBe(hashLabels(1, 'pair', 3, 4));
    expect(hashLabels(1, 'pair', 3, 4)).not.toBe(hashLabels(1, 'pair', 4, 3));
    const unit = hashUnit(1, 'x');
    expect(unit).toBeGreaterThanOrEqual(0);
    expect(unit).toBeLessThan(1);
  });
});
