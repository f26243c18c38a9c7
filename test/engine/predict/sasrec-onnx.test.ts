import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../core/logger.js';
import { defaultModelsDir, readSasrecArtifact } from '../../../engine/predict/sasrec-artifact.js';
import { SasrecOnnxPredictor } from '../../../engine/predict/sasrec-onnx.js';

/** Deterministic unit vectors (a linear congruential generator), so runs compare exactly. */
function unitVectors(count: number, dimension: number, seed: number): Float32Array[] {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648 - 0.5;
  };
  return Array.from({ length: count }, () => {
    const vector = Float32Array.from({ length: dimension }, next);
    const norm = Math.hypot(...vector);
    return vector.map((value) => value / norm);
  });
}

describe('SasrecOnnxPredictor', async () => {
  const artifact = readSasrecArtifact(defaultModelsDir());
  const predictor = await SasrecOnnxPredictor.load(artifact, 'cpu', silentLogger());
  const { dimension, maxLength } = artifact.metadata;

  it('returns a unit vector of the index dimension', async () => {
    const result = await predictor.predict(unitVectors(5, dimension, 1));
    expect(result).toHaveLength(dimension);
    expect(Math.hypot(...result)).toBeCloseTo(1, 4);
  });

  it('truncates long sequences to the latest patents', async () => {
    const sequence = unitVectors(maxLength + 6, dimension, 2);
    const full = await predictor.predict(sequence);
    const latest = await predictor.predict(sequence.slice(-maxLength));
    const oldest = await predictor.predict(sequence.slice(0, maxLength));
    expect(Array.from(full)).toEqual(Array.from(latest));
    expect(Array.from(full)).not.toEqual(Array.from(oldest));
  });

  it('depends on the order of the patents', async () => {
    const sequence = unitVectors(6, dimension, 3);
    const forward = await predictor.predict(sequence);
    const reversed = await predictor.predict([...sequence].reverse());
    expect(Array.from(forward)).not.toEqual(Array.from(reversed));
  });

  it('rejects an empty sequence', async () => {
    await expect(predictor.predict([])).rejects.toThrow(/empty/);
  });

  it('rejects vectors of another dimension', async () => {
    await expect(predictor.predict([new Float32Array(dimension + 1)])).rejects.toThrow(/dimension/);
  });

  it('reports the learned model, not a fallback', () => {
    expect(predictor.id).toBe('sasrec');
    expect(predictor.isFallback).toBe(false);
    expect(predictor.version).toMatch(/^\S+\+[0-9a-f]{12}$/);
    expect(predictor.provider).toBe('cpu');
  });
});
