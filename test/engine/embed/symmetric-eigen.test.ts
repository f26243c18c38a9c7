import { describe, expect, it } from 'vitest';
import { gramMatrix } from '../../../engine/embed/linear-algebra.js';
import { symmetricEigen } from '../../../engine/embed/symmetric-eigen.js';
import { maxOrthogonalityError, randomMatrix } from './matrix-helpers.js';

describe('symmetricEigen', () => {
  it('satisfies A·v = λ·v with descending values', () => {
    const b = randomMatrix(12, 8, 10);
    const a = gramMatrix(b);
    const { values, vectors } = symmetricEigen(a);
    for (let i = 1; i < 8; i += 1) {
      expect(values[i]).toBeLessThanOrEqual(values[i - 1] as number);
    }
    for (let k = 0; k < 8; k += 1) {
      for (let row = 0; row < 8; row += 1) {
        let product = 0;
        for (let j = 0; j < 8; j += 1) {
          product += (a.data[row * 8 + j] as number) * (vectors.data[j * 8 + k] as number);
        }
        expect(product).toBeCloseTo((values[k] as number) * (vectors.data[row * 8 + k] as number), 9);
      }
    }
    expect(maxOrthogonalityError(vectors)).toBeLessThan(1e-12);
  });
});
