import { createDenseMatrix, type DenseMatrix, euclideanNorm, gramMatrix } from './linear-algebra.js';
import type { SeededRandom } from './random.js';

/**
 * Columns nearly dependent on the previous ones, with sin² of the angle to their span below this,
 * make Cholesky QR inaccurate, so `orthonormalizeColumns` falls back to Gram-Schmidt.
 */
const CHOLESKY_MIN_RELATIVE_PIVOT = 1e-12;

/**
 * Returns a matrix Q whose orthonormal columns span the columns of `matrix` (the Q of a thin QR
 * decomposition). This requires rows >= columns.
 *
 * The fast path is Cholesky QR applied twice (CholeskyQR2): R from the Cholesky factor of the Gram
 * matrix, then Q = A·R⁻¹. It runs on whole rows, which is several times faster in JavaScript than
 * column-by-column Gram-Schmidt, and the second pass restores the orthogonality that the first loses
 * to rounding. When the columns are close to dependent, the function falls back to modified
 * Gram-Schmidt, which also replaces dependent columns by random ones so Q always has full rank.
 */
export function orthonormalizeColumns(matrix: DenseMatrix, random: SeededRandom): DenseMatrix {
  if (matrix.rows < matrix.columns) {
    throw new RangeError(
      `Cannot orthonormalise ${matrix.columns} columns of length ${matrix.rows}: expected rows >= columns.`,
    );
  }
  const first = choleskyQrStep(matrix);
  const second = first === undefined ? undefined : choleskyQrStep(first);
  return second ?? modifiedGramSchmidt(matrix, random);
}

/** Returns A·R⁻¹ where Rᵀ·R is the Cholesky factorisation of Aᵀ·A, or undefined when it fails. */
function choleskyQrStep(a: DenseMatrix): DenseMatrix | undefined {
  const lower = choleskyLower(gramMatrix(a));
  return lower === undefined ? undefined : solveAgainstTransposedLower(a, lower);
}

/** Returns the lower-triangular L with L·Lᵀ = G (row-major), or undefined when G is not safely positive definite. */
function choleskyLower(g: DenseMatrix): Float64Array | undefined {
  const size = g.rows;
  const lower = new Float64Array(size * size);
  for (let j = 0; j < size; j += 1) {
    const diagonal = g.data[j * size + j] as number;
    let pivot = diagonal;
    for (let k = 0; k < j; k += 1) {
      const value = lower[j * size + k] as number;
      pivot -= value * value;
    }
    if (!(diagonal > 0) || pivot <= CHOLESKY_MIN_RELATIVE_PIVOT * diagonal) {
      return undefined;
    }
    const root = Math.sqrt(pivot);
    lower[j * size + j] = root;
    for (let i = j + 1; i < size; i += 1) {
      let sum = g.data[i * size + j] as number;
      for (let k = 0; k < j; k += 1) {
        sum -= (lower[i * size + k] as number) * (lower[j * size + k] as number);
      }
      lower[i * size + j] = sum / root;
    }
  }
  return lower;
}

/**
 * Returns Q = A·L⁻ᵀ by forward substitution on each row q of Q: L·qᵀ = aᵀ. Two rows are solved per
 * pass so that each row of L is read half as often.
 */
function solveAgainstTransposedLower(a: DenseMatrix, lower: Float64Array): DenseMatrix {
  const size = a.columns;
  const result = createDenseMatrix(a.rows, size);
  const input = a.data;
  const out = result.data;
  let row = 0;
  for (; row + 2 <= a.rows; row += 2) {
    const b0 = row * size;
    const b1 = b0 + size;
    for (let j = 0; j < size; j += 1) {
      const lowerBase = j * size;
      let sum0 = input[b0 + j] as number;
      let sum1 = input[b1 + j] as number;
      for (let k = 0; k < j; k += 1) {
        const factor = lower[lowerBase + k] as number;
        sum0 -= factor * (out[b0 + k] as number);
        sum1 -= factor * (out[b1 + k] as number);
      }
      const pivot = lower[lowerBase + j] as number;
      out[b0 + j] = sum0 / pivot;
      out[b1 + j] = sum1 / pivot;
    }
  }
  for (; row < a.rows; row += 1) {
    const base = row * size;
    for (let j = 0; j < size; j += 1) {
      const lowerBase = j * size;
      let sum = input[base + j] as number;
      for (let k = 0; k < j; k += 1) {
        sum -= (lower[lowerBase + k] as number) * (out[base + k] as number);
      }
      out[base + j] = sum / (lower[lowerBase + j] as number);
    }
  }
  return result;
}

/**
 * Modified Gram-Schmidt on a column-major copy. A column that loses more than half its norm to the
 * projection is orthogonalised a second time (the "twice is enough" rule). A column reduced to
 * rounding noise is dependent on the previous ones and is replaced by a random vector.
 */
function modifiedGramSchmidt(matrix: DenseMatrix, random: SeededRandom): DenseMatrix {
  const { rows, columns } = matrix;
  const columnMajor = new Float64Array(rows * columns);
  for (let i = 0; i < rows; i += 1) {
    for (let k = 0; k < columns; k += 1) {
      columnMajor[k * rows + i] = matrix.data[i * columns + k] as number;
    }
  }

  for (let k = 0; k < columns; k += 1) {
    const column = columnMajor.subarray(k * rows, (k + 1) * rows);
    let norm = orthogonalizeAgainstPrevious(columnMajor, column, k, rows);
    for (let attempt = 0; norm.after <= 1e-10 * norm.before || norm.after === 0; attempt += 1) {
      if (attempt === 10) {
        throw new Error(`Failed to orthonormalise column ${k}: random replacements stayed dependent.`);
      }
      for (let i = 0; i < rows; i += 1) {
        column[i] = random.nextNormal();
      }
      norm = orthogonalizeAgainstPrevious(columnMajor, column, k, rows);
    }
    const scale = 1 / norm.after;
    for (let i = 0; i < rows; i += 1) {
      column[i] = (column[i] as number) * scale;
    }
  }

  const result = createDenseMatrix(rows, columns);
  for (let k = 0; k < columns; k += 1) {
    for (let i = 0; i < rows; i += 1) {
      result.data[i * columns + k] = columnMajor[k * rows + i] as number;
    }
  }
  return result;
}

/** Projects the first `count` columns out of `column` and returns its norm before and after. */
function orthogonalizeAgainstPrevious(
  columnMajor: Float64Array,
  column: Float64Array,
  count: number,
  rows: number,
): { before: number; after: number } {
  const before = euclideanNorm(column);
  let current = before;
  for (let pass = 0; pass < 2; pass += 1) {
    for (let j = 0; j < count; j += 1) {
      const previous = columnMajor.subarray(j * rows, (j + 1) * rows);
      let dot = 0;
      for (let i = 0; i < rows; i += 1) {
        dot += (previous[i] as number) * (column[i] as number);
      }
      for (let i = 0; i < rows; i += 1) {
        column[i] = (column[i] as number) - dot * (previous[i] as number);
      }
    }
    const after = euclideanNorm(column);
    if (after > 0.5 * current) {
      return { before, after };
    }
    current = after;
  }
  return { before, after: current };
}
