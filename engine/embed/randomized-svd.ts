import { createDenseMatrix, type DenseMatrix, gramMatrix, multiplyDense } from './linear-algebra.js';
import { orthonormalizeColumns } from './qr.js';
import type { SeededRandom } from './random.js';
import { multiplySparseDense, type SparseRows, transposeSparse } from './sparse-matrix.js';
import { symmetricEigen } from './symmetric-eigen.js';

export interface RandomizedSvdOptions {
  /** Extra sketch columns beyond the rank, which make the top singular vectors more accurate. */
  oversamples: number;
  /** Power iterations (X Xᵀ)^q applied to the sketch, which sharpen a slowly decaying spectrum. */
  powerIterations: number;
  random: SeededRandom;
  /** Called with 0 at the start and after each step, with the number of steps done and the total. */
  onStep?: (completed: number, total: number) => void;
}

export interface TruncatedSvdResult {
  /** Right singular vectors as columns: V × k, row j holding the loadings of column j of X. */
  readonly components: DenseMatrix;
  /** Singular values in descending order, length k. */
  readonly singularValues: Float64Array;
}

/**
 * Singular values below this fraction of the largest are treated as zero. The eigenvalues of B·Bᵀ
 * are accurate to about 1e-16 of the largest, so singular values (their square roots) are reliable
 * down to about 1e-8; 1e-6 leaves a margin.
 */
const RELATIVE_SINGULAR_VALUE_CUTOFF = 1e-6;

/**
 * Computes the top `rank` right singular vectors of a sparse matrix X by randomised SVD (Halko,
 * Martinsson and Tropp, "Finding structure with randomness", SIAM Review, 2011): a Gaussian sketch
 * Y = X·Ω, randomised subspace iteration, then an exact SVD of the small matrix B = Qᵀ·X through the
 * eigendecomposition of B·Bᵀ.
 *
 * Fewer than `rank` components are returned when X has lower numerical rank, or fewer rows or
 * columns than `rank`. Each component's sign is fixed so that its entry of largest magnitude is
 * positive, so equal inputs give equal output.
 */
export function randomizedSvd(
  x: SparseRows,
  rank: number,
  options: RandomizedSvdOptions,
): TruncatedSvdResult {
  const rowCount = x.indices.length;
  const columnCount = x.columnCount;
  const sketchSize = Math.min(rank + options.oversamples, rowCount, columnCount);
  if (sketchSize <= 0) {
    return { components: createDenseMatrix(columnCount, 0), singularValues: new Float64Array(0) };
  }
  const totalSteps = 4 + options.powerIterations;
  let completed = 0;
  const step = (): void => {
    completed += 1;
    options.onStep?.(completed, totalSteps);
  };
  options.onStep?.(0, totalSteps);
  const xTransposed = transposeSparse(x);

  const omega = createDenseMatrix(columnCount, sketchSize);
  for (let i = 0; i < omega.data.length; i += 1) {
    omega.data[i] = options.random.nextNormal();
  }
  let q = orthonormalizeColumns(multiplySparseDense(x, omega), options.random);
  step();
  // Each iteration orthonormalises once per X·Xᵀ product, not after Xᵀ alone, which halves the QR
  // work. The sketch's condition number then grows to (σ1 / σl)². CholeskyQR2 handled that on 1,825
  // KIPRIS abstracts and on synthetic corpora, and orthonormalizeColumns falls back to Gram-Schmidt
  // when it cannot.
  for (let iteration = 0; iteration < options.powerIterations; iteration += 1) {
    const z = multiplySparseDense(xTransposed, q);
    q = orthonormalizeColumns(multiplySparseDense(x, z), options.random);
    step();
  }

  // B = Qᵀ·X is sketchSize × V. The sparse product gives its transpose Bᵀ = Xᵀ·Q directly.
  const bTransposed = multiplySparseDense(xTransposed, q);
  const gram = gramMatrix(bTransposed);
  step();
  const eigen = symmetricEigen(gram);
  step();

  const largest = Math.sqrt(Math.max(eigen.values[0] ?? 0, 0));
  let componentCount = 0;
  while (componentCount < Math.min(rank, sketchSize)) {
    const singularValue = Math.sqrt(Math.max(eigen.values[componentCount] as number, 0));
    if (singularValue <= RELATIVE_SINGULAR_VALUE_CUTOFF * largest || singularValue === 0) {
      break;
    }
    componentCount += 1;
  }

  // V = Bᵀ·U·Σ⁻¹ for the componentCount left singular vectors U of B.
  const leftVectors = createDenseMatrix(sketchSize, componentCount);
  const singularValues = new Float64Array(componentCount);
  for (let k = 0; k < componentCount; k += 1) {
    singularValues[k] = Math.sqrt(eigen.values[k] as number);
    for (let row = 0; row < sketchSize; row += 1) {
      leftVectors.data[row * componentCount + k] =
        (eigen.vectors.data[row * sketchSize + k] as number) / (singularValues[k] as number);
    }
  }
  const components = multiplyDense(bTransposed, leftVectors);
  fixSigns(components);
  step();
  return { components, singularValues };
}

/** Flips each column so that its entry of largest magnitude is positive. */
function fixSigns(matrix: DenseMatrix): void {
  for (let k = 0; k < matrix.columns; k += 1) {
    let largest = 0;
    for (let row = 0; row < matrix.rows; row += 1) {
      const value = matrix.data[row * matrix.columns + k] as number;
      if (Math.abs(value) > Math.abs(largest)) {
        largest = value;
      }
    }
    if (largest < 0) {
      for (let row = 0; row < matrix.rows; row += 1) {
        matrix.data[row * matrix.columns + k] = -(matrix.data[row * matrix.columns + k] as number);
      }
    }
  }
}
