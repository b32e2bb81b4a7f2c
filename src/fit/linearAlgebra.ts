/**
 * Dense symmetric positive-definite solves on small row-major matrices (n ≲ 100), in place where
 * possible, so fitting loops can reuse preallocated buffers.
 */

/**
 * Cholesky factor (lower triangle, row-major n×n, stride n) of `matrix` into `factor`.
 * A pivot that is not clearly positive is replaced by a tiny positive value (the matrix is then
 * treated as regularised rather than failing); returns how many pivots were replaced.
 */
export function choleskyFactor(matrix: Float64Array, n: number, factor: Float64Array): number {
  let replaced = 0;
  let maxDiagonal = 0;
  for (let i = 0; i < n; i++) maxDiagonal = Math.max(maxDiagonal, Math.abs(matrix[i * n + i]));
  const floor = Math.max(maxDiagonal, 1e-300) * 1e-13;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = matrix[i * n + j];
      for (let k = 0; k < j; k++) sum -= factor[i * n + k] * factor[j * n + k];
      if (i === j) {
        if (!(sum > floor)) {
          sum = floor;
          replaced++;
        }
        factor[i * n + i] = Math.sqrt(sum);
      } else {
        factor[i * n + j] = sum / factor[j * n + j];
      }
    }
    for (let j = i + 1; j < n; j++) factor[i * n + j] = 0;
  }
  return replaced;
}

/** Solve (L·Lᵀ)·x = rhs for x (x may alias rhs). */
export function choleskySolve(factor: Float64Array, n: number, rhs: Float64Array, x: Float64Array): void {
  for (let i = 0; i < n; i++) {
    let sum = rhs[i];
    for (let k = 0; k < i; k++) sum -= factor[i * n + k] * x[k];
    x[i] = sum / factor[i * n + i];
  }
  solveTransposed(factor, n, x);
}

/** Solve Lᵀ·x = y in place (x holds y on entry). */
function solveTransposed(factor: Float64Array, n: number, x: Float64Array): void {
  for (let i = n - 1; i >= 0; i--) {
    let sum = x[i];
    for (let k = i + 1; k < n; k++) sum -= factor[k * n + i] * x[k];
    x[i] = sum / factor[i * n + i];
  }
}

/** Inverse of a symmetric positive-definite matrix (row-major n×n), via its Cholesky factor. */
export function invertSymmetricPositive(matrix: Float64Array, n: number): Float64Array {
  return leadingInverseColumns(matrix, n, n);
}

/**
 * Rows and columns 0…count−1 of the inverse of a symmetric positive-definite matrix (row-major n×n;
 * count × count, row-major): only those columns are solved, and each forward substitution starts at its
 * unit entry (the zeros above it stay zero).
 */
export function leadingInverseColumns(matrix: Float64Array, n: number, count: number): Float64Array {
  const factor = new Float64Array(n * n);
  choleskyFactor(matrix, n, factor);
  const out = new Float64Array(count * count);
  const x = new Float64Array(n);
  for (let j = 0; j < count; j++) {
    x.fill(0);
    for (let i = j; i < n; i++) {
      let sum = i === j ? 1 : 0;
      for (let k = j; k < i; k++) sum -= factor[i * n + k] * x[k];
      x[i] = sum / factor[i * n + i];
    }
    solveTransposed(factor, n, x);
    for (let i = 0; i < count; i++) out[i * count + j] = x[i];
  }
  return out;
}
