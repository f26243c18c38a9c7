/** Matrix helpers shared by the linear-algebra tests. */
import { createDenseMatrix, type DenseMatrix, gramMatrix } from '../../../engine/embed/linear-algebra.js';
import { SeededRandom } from '../../../engine/embed/random.js';
import type { SparseRows } from '../../../engine/embed/sparse-matrix.js';

export function randomMatrix(rows: number, columns: number, seed: number): DenseMatrix {
  const random = new SeededRandom(seed);
  const matrix = createDenseMatrix(rows, columns);
  for (let i = 0; i < matrix.data.length; i += 1) {
    matrix.data[i] = random.nextNormal();
  }
  return matrix;
}

export function maxOrthogonalityError(q: DenseMatrix): number {
  const gram = gramMatrix(q);
  let error = 0;
  for (let i = 0; i < q.columns; i += 1) {
    for (let j = 0; j < q.columns; j += 1) {
      const expected = i === j ? 1 : 0;
      error = Math.max(error, Math.abs((gram.data[i * q.columns + j] as number) - expected));
    }
  }
  return error;
}

/** Returns the largest absolute difference between matching entries. */
export function maxDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let difference = 0;
  for (let i = 0; i < a.length; i += 1) {
    difference = Math.max(difference, Math.abs((a[i] as number) - (b[i] as number)));
  }
  return difference;
}

export function sparseFromDense(matrix: DenseMatrix): SparseRows {
  const indices: Int32Array[] = [];
  const values: Float32Array[] = [];
  for (let row = 0; row < matrix.rows; row += 1) {
    const columns: number[] = [];
    const entries: number[] = [];
    for (let column = 0; column < matrix.columns; column += 1) {
      const value = matrix.data[row * matrix.columns + column] as number;
      if (value !== 0) {
        columns.push(column);
        entries.push(value);
      }
    }
    indices.push(Int32Array.from(columns));
    values.push(Float32Array.from(entries));
  }
  return { columnCount: matrix.columns, indices, values };
}
