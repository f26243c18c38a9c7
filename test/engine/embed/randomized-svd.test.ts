import { describe, expect, it } from 'vitest';
import { createDenseMatrix, multiplyDense } from '../../../engine/embed/linear-algebra.js';
import { orthonormalizeColumns } from '../../../engine/embed/qr.js';
import { SeededRandom } from '../../../engine/embed/random.js';
import { randomizedSvd } from '../../../engine/embed/randomized-svd.js';
import { maxOrthogonalityError, randomMatrix, sparseFromDense } from './matrix-helpers.js';

describe('randomizedSvd', () => {
  it('recovers singular values of an exactly low-rank matrix', () => {
    // X = U·diag(10, 5, 2)·Vᵀ with random orthonormal U (60 × 3) and V (40 × 3).
    const u = orthonormalizeColumns(randomMatrix(60, 3, 11), new SeededRandom(1));
    const v = orthonormalizeColumns(randomMatrix(40, 3, 12), new SeededRandom(1));
    const scaled = createDenseMatrix(60, 3);
    const sigma = [10, 5, 2];
    for (let i = 0; i < 60; i += 1) {
      for (let k = 0; k < 3; k += 1) {
        scaled.data[i * 3 + k] = (u.data[i * 3 + k] as number) * (sigma[k] as number);
      }
    }
    const vt = createDenseMatrix(3, 40);
    for (let j = 0; j < 40; j += 1) {
      for (let k = 0; k < 3; k += 1) {
        vt.data[k * 40 + j] = v.data[j * 3 + k] as number;
      }
    }
    const x = multiplyDense(scaled, vt);
    const sparse = sparseFromDense({ ...x, data: Float64Array.from(Float32Array.from(x.data)) });
    const result = randomizedSvd(sparse, 5, {
      oversamples: 4,
      powerIterations: 2,
      random: new SeededRandom(3),
    });

    expect(result.singularValues).toHaveLength(3);
    expect(result.singularValues[0]).toBeCloseTo(10, 4);
    expect(result.singularValues[1]).toBeCloseTo(5, 4);
    expect(result.singularValues[2]).toBeCloseTo(2, 4);
    expect(maxOrthogonalityError(result.components)).toBeLessThan(1e-6);
    // Each component equals ± the matching right singular vector.
    for (let k = 0; k < 3; k += 1) {
      let dot = 0;
      for (let j = 0; j < 40; j += 1) {
        dot += (result.components.data[j * 3 + k] as number) * (v.data[j * 3 + k] as number);
      }
      expect(Math.abs(dot)).toBeCloseTo(1, 5);
    }
  });
});
