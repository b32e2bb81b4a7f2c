import { describe, expect, it } from 'vitest';
import { complexCholesky, invertLowerTriangular } from '../../src/preprocess/linalg/complexCholesky.js';
import { complexEigenvalues } from '../../src/preprocess/linalg/complexEigenvalues.js';
import { solveComplex } from '../../src/preprocess/linalg/complexSolve.js';
import { leadingHermitianEigenvector, symmetricEigen } from '../../src/linalg/symmetricEigen.js';
import { SeededRandom } from '../../src/util/rng.js';

function randomComplexMatrix(n: number, rng: SeededRandom): Float64Array {
  return Float64Array.from({ length: 2 * n * n }, () => rng.normal());
}

describe('complexEigenvalues', () => {
  it('finds prescribed eigenvalues of a similarity-transformed triangular matrix', () => {
    const n = 12;
    const rng = new SeededRandom(2);
    const expected = Array.from({ length: n }, (_, k) => [Math.cos(k) * (1 + k / 10), Math.sin(k) * 0.9] as [number, number]);
    // T upper triangular with the eigenvalues on its diagonal, A = S·T·S⁻¹ shares them
    const t = randomComplexMatrix(n, rng);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < i; j++) t[2 * (i * n + j)] = t[2 * (i * n + j) + 1] = 0;
      t[2 * (i * n + i)] = expected[i][0];
      t[2 * (i * n + i) + 1] = expected[i][1];
    }
    const s = randomComplexMatrix(n, rng);
    const st = multiply(s, t, n);
    // A = (S·T)·S⁻¹: solve Sᵀ·Aᵀ = (S·T)ᵀ column by column
    const a = new Float64Array(2 * n * n);
    const sTransposed = transpose(s, n);
    for (let row = 0; row < n; row++) {
      const column = new Float64Array(2 * n);
      for (let j = 0; j < n; j++) {
        column[2 * j] = st[2 * (row * n + j)];
        column[2 * j + 1] = st[2 * (row * n + j) + 1];
      }
      const solution = solveComplex(sTransposed, column, n);
      for (let j = 0; j < n; j++) {
        a[2 * (row * n + j)] = solution[2 * j];
        a[2 * (row * n + j) + 1] = solution[2 * j + 1];
      }
    }
    const found = complexEigenvalues(a, n);
    for (const [re, im] of expected) {
      let best = Infinity;
      for (let k = 0; k < n; k++) best = Math.min(best, Math.hypot(found[2 * k] - re, found[2 * k + 1] - im));
      expect(best).toBeLessThan(1e-8);
    }
  });
});

describe('symmetricEigen and leadingHermitianEigenvector', () => {
  it('diagonalise exactly: A·v = λ·v', () => {
    const n = 6;
    const rng = new SeededRandom(4);
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) a[i * n + j] = a[j * n + i] = rng.normal();
    const { values, vectors } = symmetricEigen(a, n);
    for (let c = 0; c < n; c++) {
      for (let i = 0; i < n; i++) {
        let av = 0;
        for (let j = 0; j < n; j++) av += a[i * n + j] * vectors[j * n + c];
        expect(av).toBeCloseTo(values[c] * vectors[i * n + c], 10);
      }
    }
    for (let c = 1; c < n; c++) expect(values[c]).toBeLessThanOrEqual(values[c - 1]);
  });

  it('finds the rank-one direction of a Hermitian outer product', () => {
    const u = [[1, 0.5], [0, -2], [0.3, 0.3]];
    const n = u.length;
    const h = new Float64Array(2 * n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        h[2 * (i * n + j)] = u[i][0] * u[j][0] + u[i][1] * u[j][1];
        h[2 * (i * n + j) + 1] = u[i][1] * u[j][0] - u[i][0] * u[j][1];
      }
    }
    const { value, vector } = leadingHermitianEigenvector(h, n);
    const norm2 = u.reduce((s, [re, im]) => s + re * re + im * im, 0);
    expect(value).toBeCloseTo(norm2, 10);
    // the vector equals u/‖u‖ up to a unit complex factor: |⟨v, u⟩| = ‖u‖
    let re = 0;
    let im = 0;
    for (let i = 0; i < n; i++) {
      re += vector[2 * i] * u[i][0] + vector[2 * i + 1] * u[i][1];
      im += vector[2 * i] * u[i][1] - vector[2 * i + 1] * u[i][0];
    }
    expect(Math.hypot(re, im)).toBeCloseTo(Math.sqrt(norm2), 10);
  });
});

describe('complexCholesky and invertLowerTriangular', () => {
  it('factor a Hermitian positive-definite matrix and invert the factor', () => {
    const n = 5;
    const b = randomComplexMatrix(n, new SeededRandom(9));
    // A = B·Bᴴ + I is Hermitian positive definite
    const a = multiply(b, conjugateTranspose(b, n), n);
    for (let i = 0; i < n; i++) a[2 * (i * n + i)] += 1;
    const l = complexCholesky(a, n)!;
    const product = multiply(l, conjugateTranspose(l, n), n);
    for (let i = 0; i < a.length; i++) expect(product[i]).toBeCloseTo(a[i], 10);
    const identity = multiply(invertLowerTriangular(l, n), l, n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        expect(identity[2 * (i * n + j)]).toBeCloseTo(i === j ? 1 : 0, 10);
        expect(identity[2 * (i * n + j) + 1]).toBeCloseTo(0, 10);
      }
    }
  });

  it('returns null for a matrix that is not positive definite', () => {
    expect(complexCholesky(Float64Array.from([1, 0, 2, 0, 2, 0, 1, 0]), 2)).toBeNull();
  });
});

function conjugateTranspose(a: Float64Array, n: number): Float64Array {
  const out = transpose(a, n);
  for (let i = 1; i < out.length; i += 2) out[i] = -out[i];
  return out;
}

function multiply(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const out = new Float64Array(2 * n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let re = 0;
      let im = 0;
      for (let k = 0; k < n; k++) {
        const ar = a[2 * (i * n + k)];
        const ai = a[2 * (i * n + k) + 1];
        const br = b[2 * (k * n + j)];
        const bi = b[2 * (k * n + j) + 1];
        re += ar * br - ai * bi;
        im += ar * bi + ai * br;
      }
      out[2 * (i * n + j)] = re;
      out[2 * (i * n + j) + 1] = im;
    }
  }
  return out;
}

function transpose(a: Float64Array, n: number): Float64Array {
  const out = new Float64Array(2 * n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      out[2 * (j * n + i)] = a[2 * (i * n + j)];
      out[2 * (j * n + i) + 1] = a[2 * (i * n + j) + 1];
    }
  }
  return out;
}
