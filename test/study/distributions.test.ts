import { describe, expect, it } from 'vitest';
import {
  chiSquareCdf,
  chiSquareQuantile,
  chiSquareSf,
  fCdf,
  fQuantile,
  fSf,
  incompleteBeta,
  logGamma,
  normalCdf,
  normalQuantile,
  studentTCdf,
  studentTQuantile,
  studentTTwoSidedP,
} from '../../src/study/distributions.js';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('distributions: published quantiles and tail probabilities', () => {
  // reference values: standard tables, checked against scipy.stats to 16 digits
  const cases: [string, () => number, number][] = [
    ['t 0.975, df 1', () => studentTQuantile(0.975, 1), 12.706204736174694],
    ['t 0.975, df 10', () => studentTQuantile(0.975, 10), 2.228138851986274],
    ['t 0.975, df 2.5', () => studentTQuantile(0.975, 2.5), 3.5746548420036817],
    ['t 0.99, df 1000', () => studentTQuantile(0.99, 1000), 2.330082674755513],
    ['t 1e-9, df 7', () => studentTQuantile(1e-9, 7), -38.70598064323161],
    ['t cdf 2, df 3', () => studentTCdf(2, 3), 0.9303370157205785],
    ['t cdf −8, df 4', () => studentTCdf(-8, 4), 0.0006619484546085836],
    ['t cdf 0.1, df 50', () => studentTCdf(0.1, 50), 0.539627893173515],
    ['normal 0.975', () => normalQuantile(0.975), 1.959963984540054],
    ['normal 1e-12', () => normalQuantile(1e-12), -7.034483825301131],
    ['Φ(−10)', () => normalCdf(-10), 7.61985302416047e-24],
    ['Φ(1)', () => normalCdf(1), 0.8413447460685429],
    ['F 0.95 (1, 10)', () => fQuantile(0.95, 1, 10), 4.964602743730711],
    ['F 0.95 (3, 20)', () => fQuantile(0.95, 3, 20), 3.098391212140781],
    ['F 0.001 (2, 30)', () => fQuantile(0.001, 2, 30), 0.001000533701022649],
    ['P(F(1, 253) > 12.3)', () => fSf(12.3, 1, 253), 0.0005358044149247295],
    ['F cdf 0.5 (4.5, 7.3)', () => fCdf(0.5, 4.5, 7.3), 0.24564213351909425],
    ['χ² 0.95, df 1', () => chiSquareQuantile(0.95, 1), 3.841458820694124],
    ['χ² 0.95, df 10', () => chiSquareQuantile(0.95, 10), 18.307038053275146],
    ['χ² 1e-6, df 3', () => chiSquareQuantile(1e-6, 3), 0.00024181048720124264],
    ['P(χ²(50) > 100)', () => chiSquareSf(100, 50), 3.454931382984871e-5],
    ['χ² cdf 2, df 7', () => chiSquareCdf(2, 7), 0.04015963126989843],
    ['lnΓ(0.5)', () => logGamma(0.5), 0.5723649429247001],
    ['lnΓ(100)', () => logGamma(100), 359.1342053695754],
    ['lnΓ(1e-5)', () => logGamma(1e-5), 11.512919692895826],
    ['I_0.5(1000, 1000.5)', () => incompleteBeta(0.5, 1000, 1000.5), 0.5044605889639133],
  ];
  it.each(cases)('%s', (_, compute, expected) => {
    expect(rel(compute(), expected)).toBeLessThan(1e-10);
  });
});

describe('distributions: closed forms and identities', () => {
  it('t with 1 df is Cauchy and t with 2 df has an algebraic CDF', () => {
    for (const t of [-50, -3, -0.4, 0, 0.7, 2, 30]) {
      expect(Math.abs(studentTCdf(t, 1) - (0.5 + Math.atan(t) / Math.PI))).toBeLessThan(1e-13);
      expect(Math.abs(studentTCdf(t, 2) - (0.5 + t / (2 * Math.sqrt(2 + t * t))))).toBeLessThan(1e-13);
    }
  });

  it('χ² with 2 df is exponential; Γ(n) = (n − 1)!', () => {
    for (const x of [0.01, 0.5, 3, 40]) expect(rel(chiSquareSf(x, 2), Math.exp(-x / 2))).toBeLessThan(1e-12);
    // (p itself must be representable: 1 − e^(−x/2) keeps ~1e-16/e^(−x/2) relative precision)
    for (const x of [0.01, 0.5, 3, 10]) expect(rel(chiSquareQuantile(1 - Math.exp(-x / 2), 2), x)).toBeLessThan(1e-10);
    let factorial = 1;
    for (let n = 1; n <= 20; n++) {
      expect(rel(Math.exp(logGamma(n + 1)), (factorial *= n))).toBeLessThan(1e-12);
    }
  });

  it('F(1, d) upper tail equals the two-sided t p-value, and F(d1, d2) mirrors F(d2, d1)', () => {
    for (const d of [1, 3.5, 12, 253]) {
      for (const t of [0.3, 1.7, 4.2]) {
        expect(rel(fSf(t * t, 1, d), studentTTwoSidedP(t, d))).toBeLessThan(1e-11);
      }
    }
    for (const x of [0.2, 1, 3.3]) expect(Math.abs(fCdf(x, 4, 9) - fSf(1 / x, 9, 4))).toBeLessThan(1e-14);
  });

  it('quantiles invert their CDFs across the range, including far tails', () => {
    for (const p of [1e-12, 1e-6, 0.01, 0.3, 0.5, 0.77, 0.999, 1 - 1e-9]) {
      for (const df of [1, 2.7, 9, 60]) {
        const t = studentTQuantile(p, df);
        const back = p < 0.5 ? studentTCdf(t, df) : 1 - studentTCdf(-t, df);
        expect(rel(back, p)).toBeLessThan(1e-9);
        const x = fQuantile(p, df, 7);
        expect(rel(p < 0.5 ? fCdf(x, df, 7) : 1 - fSf(x, df, 7), p)).toBeLessThan(1e-9);
        const c = chiSquareQuantile(p, df);
        expect(rel(p < 0.5 ? chiSquareCdf(c, df) : 1 - chiSquareSf(c, df), p)).toBeLessThan(1e-9);
      }
    }
  });

  it('returns NaN for invalid parameters instead of throwing', () => {
    expect(studentTCdf(1, 0)).toBeNaN();
    expect(fSf(1, -1, 3)).toBeNaN();
    expect(chiSquareQuantile(1.2, 3)).toBeNaN();
    expect(normalQuantile(Number.NaN)).toBeNaN();
    expect(studentTQuantile(0.975, Infinity)).toBeCloseTo(1.959963984540054, 12);
  });
});
