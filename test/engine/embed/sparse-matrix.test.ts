import { describe, expect, it } from 'vitest';
import { createDenseMatrix, multiplyDense } from '../../../engine/embed/linear-algebra.js';
import { multiplySparseDense, transposeSparse } from '../../../engine/embed/sparse-matrix.js';
import { maxDifference, randomMatrix, sparseFromDense } from './matrix-helpers.js';

describe('sparse products', () => {
  it('match dense products', () => {
    const dense = randomMatrix(9, 13, 4);
    for (let i = 0; i < dense.data.length; i += 3) {
      dense.data[i] = 0;
    }
    // Round to Float32 first, because sparse values are stored as Float32.
    const rounded = { ...dense, data: Float64Array.from(Float32Array.from(dense.data)) };
    const sparse = sparseFromDense(rounded);
    const right = randomMatrix(13, 6, 5);
    expect(
      maxDifference(multiplySparseDense(sparse, right).data, multiplyDense(rounded, right).data),
    ).toBeLessThan(1e-12);
    const left = randomMatrix(9, 4, 6);
    const transposedProduct = multiplySparseDense(transposeSparse(sparse), left);
    expect(transposedProduct.rows).toBe(13);
    const expected = createDenseMatrix(13, 4);
    for (let i = 0; i < 9; i += 1) {
      for (let j = 0; j < 13; j += 1) {
        for (let k = 0; k < 4; k += 1) {
          expected.data[j * 4 + k] =
            (expected.data[j * 4 + k] as number) +
            (rounded.data[i * 13 + j] as number) * (left.data[i * 4 + k] as number);
        }
      }
    }
    expect(maxDifference(transposedProduct.data, expected.data)).toBeLessThan(1e-12);
  });
});
