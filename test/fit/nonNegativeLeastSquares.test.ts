import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { NonNegativeLeastSquares } from '../../src/fit/nonNegativeLeastSquares.js';

/** Objective ½‖Ax − y‖² expressed through the normal equations: ½xᵀGx − hᵀx (+ const). */
function objective(gram: Float64Array, rhs: Float64Array, x: Float64Array, n: number): number {
  let v = 0;
  for (let a = 0; a < n; a++) {
    v -= rhs[a] * x[a];
    for (let b = 0; b < n; b++) v += 0.5 * x[a] * gram[a * n + b] * x[b];
  }
  return v;
}

function normalEquations(a: number[][], y: number[], n: number): { gram: Float64Array; rhs: Float64Array } {
  const gram = new Float64Array(n * n);
  const rhs = new Float64Array(n);
  for (let i = 0; i < a.length; i++) {
    for (let p = 0; p < n; p++) {
      rhs[p] += a[i][p] * y[i];
      for (let q = 0; q < n; q++) gram[p * n + q] += a[i][p] * a[i][q];
    }
  }
  return { gram, rhs };
}

describe('NonNegativeLeastSquares', () => {
  test('satisfies the KKT conditions on random problems, with some variables free, reusing one solver', () => {
    const n = 5;
    // one instance across problems exercises the warm start from the previous passive set
    const solver = new NonNegativeLeastSquares(n);
    const row = fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: n, maxLength: n });
    fc.assert(
      fc.property(fc.array(row, { minLength: 8, maxLength: 8 }), fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 8, maxLength: 8 }), (a, y) => {
        const { gram, rhs } = normalEquations(a, y, n);
        for (let k = 0; k < n; k++) gram[k * n + k] += 1e-3; // keep it well posed
        const nonNegative = Uint8Array.of(1, 1, 1, 0, 1);
        const x = new Float64Array(n);
        solver.solve(gram, rhs, nonNegative, x);
        for (let p = 0; p < n; p++) {
          let gradient = rhs[p];
          for (let q = 0; q < n; q++) gradient -= gram[p * n + q] * x[q];
          if (nonNegative[p]) {
            expect(x[p]).toBeGreaterThanOrEqual(0);
            // clamped variables may only want to decrease; positive ones are stationary
            if (x[p] === 0) expect(gradient).toBeLessThan(1e-8);
            else expect(Math.abs(gradient)).toBeLessThan(1e-8);
          } else {
            expect(Math.abs(gradient)).toBeLessThan(1e-8);
          }
        }
      }),
      { numRuns: 200, seed: 7 },
    );
  });

  test('matches the best of all sign patterns on a small problem', () => {
    const a = [
      [1, 0.9, 0.1],
      [0.2, 1, 0.8],
      [0.1, 0.3, 1],
      [1, 1, 1],
    ];
    const y = [1, -0.5, 0.3, 0.2];
    const n = 3;
    const { gram, rhs } = normalEquations(a, y, n);
    const x = new Float64Array(n);
    new NonNegativeLeastSquares(n).solve(gram, rhs, Uint8Array.of(1, 1, 1), x);
    // brute force over a fine non-negative grid
    let best = Infinity;
    for (let i = 0; i <= 60; i++)
      for (let j = 0; j <= 60; j++)
        for (let k = 0; k <= 60; k++) best = Math.min(best, objective(gram, rhs, Float64Array.of(i / 40, j / 40, k / 40), n));
    expect(objective(gram, rhs, x, n)).toBeLessThanOrEqual(best + 1e-12);
    expect(x.some((v) => v === 0)).toBe(true);
  });
});
