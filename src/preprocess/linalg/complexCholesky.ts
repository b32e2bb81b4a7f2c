/** Cholesky factor of a small Hermitian positive-definite matrix, and the inverse of that factor. */

/**
 * Lower-triangular L with A = L·Lᴴ (n×n row-major interleaved complex), or null when A is not
 * numerically positive definite.
 */
export function complexCholesky(a: Float64Array, n: number): Float64Array | null {
  const l = new Float64Array(2 * n * n);
  for (let j = 0; j < n; j++) {
    let diagonal = a[2 * (j * n + j)];
    for (let k = 0; k < j; k++) diagonal -= l[2 * (j * n + k)] ** 2 + l[2 * (j * n + k) + 1] ** 2;
    if (!(diagonal > 1e-12 * Math.abs(a[2 * (j * n + j)])) || !(diagonal > 0)) return null;
    const ljj = Math.sqrt(diagonal);
    l[2 * (j * n + j)] = ljj;
    for (let i = j + 1; i < n; i++) {
      let re = a[2 * (i * n + j)];
      let im = a[2 * (i * n + j) + 1];
      for (let k = 0; k < j; k++) {
        // − L[i][k]·conj(L[j][k])
        const ar = l[2 * (i * n + k)];
        const ai = l[2 * (i * n + k) + 1];
        const br = l[2 * (j * n + k)];
        const bi = l[2 * (j * n + k) + 1];
        re -= ar * br + ai * bi;
        im -= ai * br - ar * bi;
      }
      l[2 * (i * n + j)] = re / ljj;
      l[2 * (i * n + j) + 1] = im / ljj;
    }
  }
  return l;
}

/** Inverse of a lower-triangular complex matrix (forward substitution, column by column). */
export function invertLowerTriangular(l: Float64Array, n: number): Float64Array {
  const inverse = new Float64Array(2 * n * n);
  for (let col = 0; col < n; col++) {
    for (let i = col; i < n; i++) {
      // solve row i: Σ_{k ≤ i} L[i][k]·X[k][col] = δ(i, col)
      let re = i === col ? 1 : 0;
      let im = 0;
      for (let k = col; k < i; k++) {
        const ar = l[2 * (i * n + k)];
        const ai = l[2 * (i * n + k) + 1];
        const xr = inverse[2 * (k * n + col)];
        const xi = inverse[2 * (k * n + col) + 1];
        re -= ar * xr - ai * xi;
        im -= ar * xi + ai * xr;
      }
      const dr = l[2 * (i * n + i)];
      const di = l[2 * (i * n + i) + 1];
      const denominator = dr * dr + di * di;
      inverse[2 * (i * n + col)] = (re * dr + im * di) / denominator;
      inverse[2 * (i * n + col) + 1] = (im * dr - re * di) / denominator;
    }
  }
  return inverse;
}
