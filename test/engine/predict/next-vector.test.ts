import { describe, expect, it } from 'vitest';
import { cosine, RecencyWeightedMean } from '../../../engine/predict/next-vector.js';

describe('RecencyWeightedMean', () => {
  it('weights the newest patent most', () => {
    const predictor = new RecencyWeightedMean({ window: 8, decay: 0.5 });
    const old = new Float32Array([1, 0]);
    const recent = new Float32Array([0, 1]);
    const result = predictor.predict([old, recent]);
    // Weights 0.5 for the older vector and 1 for the newer one, then L2-normalised.
    expect(result[1]).toBeGreaterThan(result[0] as number);
    expect(result[0]).toBeCloseTo(0.5 / Math.sqrt(1.25), 5);
    expect(result[1]).toBeCloseTo(1 / Math.sqrt(1.25), 5);
  });

  it('ignores patents outside the window', () => {
    const predictor = new RecencyWeightedMean({ window: 1, decay: 0.9 });
    const result = predictor.predict([new Float32Array([1, 0]), new Float32Array([0, 2])]);
    expect(Array.from(result)).toEqual([0, 1]);
  });

  it('returns a unit vector', () => {
    const predictor = new RecencyWeightedMean();
    const sequence = Array.from({ length: 50 }, (_, i) => new Float32Array([Math.sin(i), Math.cos(i), 0.5]));
    const result = predictor.predict(sequence);
    expect(Math.hypot(...result)).toBeCloseTo(1, 5);
  });

  it('rejects an empty sequence and bad options', () => {
    expect(() => new RecencyWeightedMean().predict([])).toThrow(/empty/);
    expect(() => new RecencyWeightedMean({ window: 0, decay: 0.5 })).toThrow(/window/);
    expect(() => new RecencyWeightedMean({ window: 3, decay: 0 })).toThrow(/decay/);
  });

  it('is flagged as the fallback', () => {
    expect(new RecencyWeightedMean().isFallback).toBe(true);
  });
});

describe('cosine', () => {
  it('is zero for a zero vector', () => {
    expect(cosine(new Float32Array([0, 0]), new Float32Array([1, 0]))).toBe(0);
  });
  it('is one for parallel vectors', () => {
    expect(cosine(new Float32Array([2, 2]), new Float32Array([1, 1]))).toBeCloseTo(1, 6);
  });
});
