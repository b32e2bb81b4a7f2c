import { describe, expect, it } from 'vitest';
import { weightedLeastSquares } from '../../src/linalg/leastSquares.js';
import { weightedPolynomialFit } from '../../src/linalg/polynomialFit.js';

describe('weightedLeastSquares', () => {
  it('recovers exact coefficients, ignores zero-weight rows even when they hold NaN, and needs pivoting here', () => {
    // first column all zeros but the last row, so the first pivot must come from below
    const rows = [[0, 1, 2], [0, 3, 1], [0, -1, 4], [5, 2, 0], [0, 2, 2]];
    const beta = [0.5, -2, 3];
    const y = rows.map((r) => r.reduce((s, v, i) => s + v * beta[i], 0));
    const result = weightedLeastSquares([...rows, [1, 1, 1]], [...y, Number.NaN], [1, 2, 1, 1, 3, 0]);
    result.forEach((value, i) => expect(value).toBeCloseTo(beta[i], 12));
  });

  it('weights the residuals: a down-weighted outlier moves the fitted line less', () => {
    const x = Float64Array.from([0, 1, 2, 3, 4]);
    const y = Float64Array.from([1, 3, 5, 7, 19]);
    const even = weightedPolynomialFit(x, y, Float64Array.from([1, 1, 1, 1, 1]), 1);
    const weighted = weightedPolynomialFit(x, y, Float64Array.from([1, 1, 1, 1, 1e-6]), 1);
    expect(Math.abs(weighted[1] - 2)).toBeLessThan(Math.abs(even[1] - 2));
    expect(weighted[0]).toBeCloseTo(1, 4);
    expect(weighted[1]).toBeCloseTo(2, 4);
  });
});
