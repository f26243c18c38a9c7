import { describe, expect, it } from 'vitest';
import { createDenseMatrix, multiplyDense } from '../../../engine/embed/linear-algebra.js';
import { orthonormalizeColumns } from '../../../engine/embed/qr.js';
import { SeededRandom } from '../../../engine/embed/random.js';
import { maxDifference, maxOrthogonalityError, randomMatrix } from './matrix-helpers.js';

describe('orthonormalizeColumns', () => {
  it('orthonormalises well-conditioned columns', () => {
    const a = randomMatrix(200, 30, 7);
    const q = orthonormalizeColumns(a, new SeededRandom(1));
    expect(maxOrthogonalityError(q)).toBeLessThan(1e-12);
  });

  it('keeps the column span', () => {
    const a = randomMatrix(50, 5, 8);
    const q = orthonormalizeColumns(a, new SeededRandom(1));
    // Projecting A onto span(Q) must give A back: Q·(Qᵀ·A) = A.
    const qt = createDenseMatrix(5, 50);
    for (let i = 0; i < 50; i += 1) {
      for (let j = 0; j < 5; j += 1) {
        qt.data[j * 50 + i] = q.data[i * 5 + j] as number;
      }
    }
    expect(maxDifference(multiplyDense(q, multiplyDense(qt, a)).data, a.data)).toBeLessThan(1e-10);
  });

  it('handles dependent columns', () => {
    const a = randomMatrix(40, 6, 9);
    for (let i = 0; i < 40; i += 1) {
      a.data[i * 6 + 3] = 2 * (a.data[i * 6] as number) - (a.data[i * 6 + 1] as number);
      a.data[i * 6 + 5] = 0;
    }
    const q = orthonormalizeColumns(a, new SeededRandom(1));
    expect(maxOrthogonalityError(q)).toBeLessThan(1e-10);
  });

  it('rejects more columns than rows', () => {
    expect(() => orthonormalizeColumns(randomMatrix(3, 4, 1), new SeededRandom(1))).toThrow(RangeError);
  });
});
