import { createDenseMatrix, type DenseMatrix } from './linear-algebra.js';

export interface SymmetricEigenResult {
  /** Eigenvalues in descending order. */
  readonly values: Float64Array;
  /** Orthonormal eigenvectors as columns, column i belonging to `values[i]`. */
  readonly vectors: DenseMatrix;
}

const MAX_SWEEPS = 100;

/**
 * Computes all eigenvalues and eigenvectors of a symmetric matrix by the cyclic Jacobi method.
 * Jacobi is slower than tridiagonal QR but much shorter, and the matrices here have at most a few
 * hundred rows (the randomised SVD sketch size). Only the upper
 * triangle's symmetry is assumed, not checked.
 */
export function symmetricEigen(matrix: DenseMatrix): SymmetricEigenResult {
  const size = matrix.rows;
  if (matrix.columns !== size) {
    throw new RangeError(
      `Invalid matrix for symmetricEigen: expected square, got ${size} x ${matrix.columns}.`,
    );
  }
  const a = Float64Array.from(matrix.data);
  const v = createDenseMatrix(size, size).data;
  for (let i = 0; i < size; i += 1) {
    v[i * size + i] = 1;
  }

  let total = 0;
  for (const value of a) {
    total += value * value;
  }

  for (let sweep = 0; sweep < MAX_SWEEPS; sweep += 1) {
    let offDiagonal = 0;
    for (let p = 0; p < size; p += 1) {
      for (let q = p + 1; q < size; q += 1) {
        const value = a[p * size + q] as number;
        offDiagonal += value * value;
      }
    }
    if (offDiagonal <= 1e-30 * total) {
      break;
    }
    for (let p = 0; p < size; p += 1) {
      for (let q = p + 1; q < size; q += 1) {
        rotate(a, v, size, p, q);
      }
    }
  }

  const order = Array.from({ length: size }, (_, i) => i).sort(
    (i, j) => (a[j * size + j] as number) - (a[i * size + i] as number),
  );
  const values = new Float64Array(size);
  const vectors = createDenseMatrix(size, size);
  order.forEach((source, target) => {
    values[target] = a[source * size + source] as number;
    for (let row = 0; row < size; row += 1) {
      vectors.data[row * size + target] = v[row * size + source] as number;
    }
  });
  return { values, vectors };
}

/**
 * Applies the Jacobi rotation that zeroes a[p][q]: A ← Pᵀ A P and V ← V P, where P is the identity
 * except P[p][p] = P[q][q] = c, P[p][q] = s and P[q][p] = -s.
 */
function rotate(a: Float64Array, v: Float64Array, size: number, p: number, q: number): void {
  const apq = a[p * size + q] as number;
  if (apq === 0) {
    return;
  }
  const app = a[p * size + p] as number;
  const aqq = a[q * size + q] as number;
  const theta = (aqq - app) / (2 * apq);
  // The smaller root of t² + 2θt - 1 = 0 gives a rotation angle of at most π/4.
  const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
  const c = 1 / Math.sqrt(t * t + 1);
  const s = t * c;

  for (let k = 0; k < size; k += 1) {
    const akp = a[k * size + p] as number;
    const akq = a[k * size + q] as number;
    a[k * size + p] = c * akp - s * akq;
    a[k * size + q] = s * akp + c * akq;
  }
  for (let k = 0; k < size; k += 1) {
    const apk = a[p * size + k] as number;
    const aqk = a[q * size + k] as number;
    a[p * size + k] = c * apk - s * aqk;
    a[q * size + k] = s * apk + c * aqk;
  }
  for (let k = 0; k < size; k += 1) {
    const vkp = v[k * size + p] as number;
    const vkq = v[k * size + q] as number;
    v[k * size + p] = c * vkp - s * vkq;
    v[k * size + q] = s * vkp + c * vkq;
  }
}
