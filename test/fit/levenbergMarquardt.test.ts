import { describe, expect, test } from 'vitest';
import { levenbergMarquardt, type LeastSquaresProblem } from '../../src/fit/levenbergMarquardt.js';
import { SeededRandom } from '../../src/util/rng.js';

/** y = a·exp(−k·x) + c sampled at 60 points, residual r = y − model. */
function exponentialProblem(x: Float64Array, y: Float64Array): LeastSquaresProblem {
  return {
    parameterCount: 3,
    residualCount: x.length,
    residuals(p, r) {
      for (let i = 0; i < x.length; i++) r[i] = y[i] - (p[0] * Math.exp(-p[1] * x[i]) + p[2]);
    },
    jacobian(p, j) {
      const m = x.length;
      for (let i = 0; i < m; i++) {
        const e = Math.exp(-p[1] * x[i]);
        j[i] = -e;
        j[m + i] = p[0] * x[i] * e;
        j[2 * m + i] = -1;
      }
    },
  };
}

const unbounded = (n: number) => ({ lower: new Float64Array(n).fill(-Infinity), upper: new Float64Array(n).fill(Infinity) });

describe('levenbergMarquardt', () => {
  const x = Float64Array.from({ length: 60 }, (_, i) => i * 0.1);

  test('recovers exact parameters from noiseless data, far from the start', () => {
    const y = x.map((v) => 3 * Math.exp(-0.7 * v) + 0.5);
    const result = levenbergMarquardt(exponentialProblem(x, y), Float64Array.of(1, 3, 0), unbounded(3));
    expect(result.converged).toBe(true);
    expect(result.params[0]).toBeCloseTo(3, 6);
    expect(result.params[1]).toBeCloseTo(0.7, 6);
    expect(result.params[2]).toBeCloseTo(0.5, 6);
    expect(result.cost).toBeLessThan(1e-12);
  });

  test('covariance matches the spread of estimates over noise realisations', () => {
    const rng = new SeededRandom(11);
    const sd = 0.05;
    const estimates: number[] = [];
    let predictedSd = 0;
    for (let rep = 0; rep < 300; rep++) {
      const y = x.map((v) => 3 * Math.exp(-0.7 * v) + 0.5 + sd * rng.normal());
      const result = levenbergMarquardt(exponentialProblem(x, y), Float64Array.of(2, 1, 0), unbounded(3));
      estimates.push(result.params[1]);
      predictedSd += Math.sqrt(result.unscaledCovariance[1 * 3 + 1]) * sd;
    }
    predictedSd /= estimates.length;
    const mean = estimates.reduce((a, b) => a + b, 0) / estimates.length;
    const empiricalSd = Math.sqrt(estimates.reduce((a, b) => a + (b - mean) ** 2, 0) / (estimates.length - 1));
    expect(empiricalSd / predictedSd).toBeGreaterThan(0.85);
    expect(empiricalSd / predictedSd).toBeLessThan(1.15);
  });

  test('respects bounds and holds fixed parameters', () => {
    // true decay 0.7 lies above the bound 0.5, so the bounded optimum is on the bound
    const y = x.map((v) => 3 * Math.exp(-0.7 * v));
    const bounds = { lower: Float64Array.of(-10, 0, 0), upper: Float64Array.of(10, 0.5, 0) };
    const result = levenbergMarquardt(exponentialProblem(x, y), Float64Array.of(1, 0.2, 0), bounds);
    expect(result.params[1]).toBeLessThanOrEqual(0.5);
    expect(result.params[1]).toBeCloseTo(0.5, 9);
    expect(result.params[2]).toBe(0);
    expect(result.converged).toBe(true);
  });
});
