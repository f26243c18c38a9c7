import { createDenseMatrix, type DenseMatrix } from './linear-algebra.js';

/** Sparse matrix stored row by row: row i has non-zeros `values[i][t]` in columns `indices[i][t]`. */
export interface SparseRows {
  readonly columnCount: number;
  readonly indices: readonly Int32Array[];
  readonly values: readonly Float32Array[];
}

/** Returns the transpose, again stored row by row, with column indices ascending within each row. */
export function transposeSparse(matrix: SparseRows): SparseRows {
  const counts = new Int32Array(matrix.columnCount);
  for (const indices of matrix.indices) {
    for (const column of indices) {
      counts[column] = (counts[column] as number) + 1;
    }
  }
  const indices = Array.from(counts, (count) => new Int32Array(count));
  const values = Array.from(counts, (count) => new Float32Array(count));
  const filled = new Int32Array(matrix.columnCount);
  matrix.indices.forEach((rowIndices, row) => {
    const rowValues = matrix.values[row] as Float32Array;
    for (let t = 0; t < rowIndices.length; t += 1) {
      const column = rowIndices[t] as number;
      const position = filled[column] as number;
      (indices[column] as Int32Array)[position] = row;
      (values[column] as Float32Array)[position] = rowValues[t] as number;
      filled[column] = position + 1;
    }
  });
  return { columnCount: matrix.indices.length, indices, values };
}

/**
 * Returns A · B for a sparse matrix A and a dense matrix B. Each output row accumulates four rows of
 * B per pass, so it stays in cache while B is read once per non-zero. For Aᵀ · B, pass
 * `transposeSparse(A)`.
 */
export function multiplySparseDense(a: SparseRows, b: DenseMatrix): DenseMatrix {
  if (a.columnCount !== b.rows) {
    throw new RangeError(
      `Invalid shapes for a sparse-dense product: ${a.indices.length} x ${a.columnCount} times ${b.rows} x ${b.columns}.`,
    );
  }
  const width = b.columns;
  const result = createDenseMatrix(a.indices.length, width);
  const out = result.data;
  const right = b.data;
  for (let row = 0; row < a.indices.length; row += 1) {
    const indices = a.indices[row] as Int32Array;
    const values = a.values[row] as Float32Array;
    const outBase = row * width;
    let t = 0;
    for (; t + 4 <= indices.length; t += 4) {
      const w0 = values[t] as number;
      const w1 = values[t + 1] as number;
      const w2 = values[t + 2] as number;
      const w3 = values[t + 3] as number;
      const r0 = (indices[t] as number) * width;
      const r1 = (indices[t + 1] as number) * width;
      const r2 = (indices[t + 2] as number) * width;
      const r3 = (indices[t + 3] as number) * width;
      for (let k = 0; k < width; k += 1) {
        out[outBase + k] =
          (out[outBase + k] as number) +
          w0 * (right[r0 + k] as number) +
          w1 * (right[r1 + k] as number) +
          w2 * (right[r2 + k] as number) +
          w3 * (right[r3 + k] as number);
      }
    }
    for (; t < indices.length; t += 1) {
      const weight = values[t] as number;
      const rightBase = (indices[t] as number) * width;
      for (let k = 0; k < width; k += 1) {
        out[outBase + k] = (out[outBase + k] as number) + weight * (right[rightBase + k] as number);
      }
    }
  }
  return result;
}
