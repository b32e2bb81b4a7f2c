import { describe, expect, it } from 'vitest';
import { oneSampleT, simpleRegression, welchT, type RegressionSummary, type TInterval } from '../../src/study/summaryStatistics.js';
import { symmetricEigen } from '../../src/linalg/symmetricEigen.js';
import { invertSpd, matMul } from '../../src/study/denseMatrix.js';
import { formatFTest, formatP } from '../../src/study/studyMarkdown.js';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('summary statistics against reference values (scipy.stats)', () => {
  it('one-sample t: estimate, p and 90% interval', () => {
    const r = oneSampleT([0.5, -0.2, 1.3, 0.8, 0.1, 0.9], 0.9) as TInterval;
    expect(rel(r.t, 2.5230217530809806)).toBeLessThan(1e-12);
    expect(rel(r.p, 0.05297894593033393)).toBeLessThan(1e-10);
    expect(rel(r.ciLow, 0.1140900119095945)).toBeLessThan(1e-10);
    expect(rel(r.ciHigh, 1.0192433214237386)).toBeLessThan(1e-10);
    expect(r.df).toBe(5);
  });

  it('Welch t: statistic, Welch–Satterthwaite df, p and 95% interval', () => {
    const r = welchT([1.2, 3.4, 2.2, 5.1, 4.4], [0.3, 0.9, 1.7, 0.2, 1.1, 0.8, 2.0], 0.95) as TInterval;
    expect(rel(r.t, 3.000268543487798)).toBeLessThan(1e-12);
    expect(rel(r.df, 5.0240992047074275)).toBeLessThan(1e-12);
    expect(rel(r.p, 0.029908869281605296)).toBeLessThan(1e-10);
    expect(rel(r.ciLow, 0.3264586470590565)).toBeLessThan(1e-10);
    expect(rel(r.ciHigh, 4.193541352940942)).toBeLessThan(1e-10);
  });

  it('regression: slope, SE, r and p', () => {
    const r = simpleRegression([1, 2, 3, 4, 5, 6], [2.1, 3.9, 6.2, 7.8, 10.1, 12.2], 0.95) as RegressionSummary;
    expect(rel(r.slope, 2.02)).toBeLessThan(1e-12);
    expect(rel(r.slopeSe, 0.04276179870599006)).toBeLessThan(1e-10);
    expect(rel(r.r, 0.9991049324808179)).toBeLessThan(1e-12);
    expect(rel(r.p, 1.2013602560217847e-6)).toBeLessThan(1e-8);
    expect(rel(r.slopeCiHigh - r.slope, 2.7764451051977934 * r.slopeSe)).toBeLessThan(1e-12);
  });

  it('degenerate inputs are described, not computed', () => {
    expect(oneSampleT([1], 0.95)).toMatch(/n = 1/);
    expect(oneSampleT([2, 2, 2], 0.95)).toMatch(/zero variance/);
    expect(welchT([1, 2], [3], 0.95)).toMatch(/group sizes/);
    expect(simpleRegression([1, 1, 1], [1, 2, 3], 0.95)).toMatch(/zero variance in x/);
    expect(simpleRegression([1, 2], [1, 2], 0.95)).toMatch(/n = 2/);
    const perfect = simpleRegression([1, 2, 3, 4], [3, 5, 7, 9], 0.95) as RegressionSummary;
    expect(perfect.p).toBe(0);
    expect(perfect.slope).toBeCloseTo(2, 12);
  });
});

describe('dense matrix helpers', () => {
  it('Jacobi eigen-decomposition reconstructs the matrix and the SPD inverse is an inverse', () => {
    const a = Float64Array.of(4, 1, 0.5, 1, 3, 0.2, 0.5, 0.2, 2);
    const { values, vectors } = symmetricEigen(a, 3);
    // A = V diag(λ) Vᵀ
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) {
        let s = 0;
        for (let k = 0; k < 3; k++) s += vectors[i * 3 + k]! * values[k]! * vectors[j * 3 + k]!;
        expect(s).toBeCloseTo(a[i * 3 + j]!, 12);
      }
    const { inverse, logDet } = invertSpd(a, 3)!;
    const identity = matMul(a, inverse, 3);
    identity.forEach((v, k) => expect(v).toBeCloseTo(k % 4 === 0 ? 1 : 0, 12));
    expect(logDet).toBeCloseTo(Math.log(values.reduce((p, v) => p * v, 1)), 12);
    expect(invertSpd(Float64Array.of(1, 2, 2, 4), 2)).toBeNull();
  });
});

describe('study.md number formatting', () => {
  it('prints F tests as journals do', () => {
    expect(formatFTest(1, 253, 12.3, 0.0005358)).toBe('F(1, 253) = 12.3, p = 0.0005');
    expect(formatFTest(3, 24.04, 22.3556, 2.7e-7)).toBe('F(3, 24) = 22.4, p < 0.0001');
    expect(formatFTest(2, 31.37, 1.2, 0.3149)).toBe('F(2, 31.4) = 1.2, p = 0.31');
    expect(formatP(Number.NaN)).toBe('–');
  });
});
