/** Eigen-decomposition of small dense real symmetric matrices by cyclic Jacobi rotations. */

export interface SymmetricEigen {
  /** Eigenvalues, descending. */
  values: Float64Array;
  /** Eigenvectors as columns of an n×n row-major matrix, in the order of `values`. */
  vectors: Float64Array;
}

/** `matrix` is n×n row-major and symmetric; it is not modified. */
export function symmetricEigen(matrix: Float64Array, n: number): SymmetricEigen {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let offDiagonal = 0;
    let diagonal = 0;
    for (let i = 0; i < n; i++) {
      diagonal += a[i * n + i] ** 2;
      for (let j = i + 1; j < n; j++) offDiagonal += a[i * n + j] ** 2;
    }
    if (offDiagonal <= 1e-30 * diagonal || offDiagonal === 0) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        if (apq === 0) continue;
        const theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p];
          const akq = a[k * n + q];
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k];
          const aqk = a[q * n + k];
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p];
          const vkq = v[k * n + q];
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => a[j * n + j] - a[i * n + i]);
  const values = Float64Array.from(order, (i) => a[i * n + i]);
  const vectors = new Float64Array(n * n);
  order.forEach((col, newCol) => {
    for (let k = 0; k < n; k++) vectors[k * n + newCol] = v[k * n + col];
  });
  return { values, vectors };
}

/**
 * Leading eigenvector of a Hermitian n×n matrix given as interleaved complex row-major data, through
 * the real symmetric 2n×2n embedding [[Re, −Im], [Im, Re]] (each eigenvalue appears twice there).
 */
export function leadingHermitianEigenvector(matrix: Float64Array, n: number): { value: number; vector: Float64Array } {
  const m = 2 * n;
  const real = new Float64Array(m * m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const re = matrix[2 * (i * n + j)];
      const im = matrix[2 * (i * n + j) + 1];
      real[i * m + j] = re;
      real[i * m + j + n] = -im;
      real[(i + n) * m + j] = im;
      real[(i + n) * m + j + n] = re;
    }
  }
  const { values, vectors } = symmetricEigen(real, m);
  const vector = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    vector[2 * i] = vectors[i * m];
    vector[2 * i + 1] = vectors[(i + n) * m];
  }
  let norm = 0;
  for (const x of vector) norm += x * x;
  norm = Math.sqrt(norm);
  for (let i = 0; i < vector.length; i++) vector[i] /= norm;
  return { value: values[0], vector };
}
