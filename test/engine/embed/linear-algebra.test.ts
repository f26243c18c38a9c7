import { describe, expect, it } from 'vitest';
import { createDenseMatrix, gramMatrix, multiplyDense } from '../../../engine/embed/linear-algebra.js';
import { maxDifference, randomMatrix } from './matrix-helpers.js';

describe('dense products', () => {
  it('multiplyDense matches the definition', () => {
    const a = randomMatrix(7, 9, 1);
    const b = randomMatrix(9, 5, 2);
    const product = multiplyDense(a, b);
    for (let i = 0; i < 7; i += 1) {
      for (let k = 0; k < 5; k += 1) {
        let expected = 0;
        for (let j = 0; j < 9; j += 1) {
          expected += (a.data[i * 9 + j] as number) * (b.data[j * 5 + k] as number);
        }
        expect(product.data[i * 5 + k]).toBeCloseTo(expected, 10);
      }
    }
  });

  it('gramMatrix matches transposed product', () => {
    const a = randomMatrix(11, 6, 3);
    const transposed = createDenseMatrix(6, 11);
    for (let i = 0; i < 11; i += 1) {
      for (let j = 0; j < 6; j += 1) {
        transposed.data[j * 11 + i] = a.data[i * 6 + j] as number;
      }
    }
    expect(maxDifference(gramMatrix(a).data, multiplyDense(transposed, a).data)).toBeLessThan(1e-12);
  });
});
