/**
 * Small-sample statistics on plain number arrays: one-sample (paired) t intervals, Welch two-sample intervals and
 * simple linear regression. Each returns a problem description (a string) instead of NaN results when the data
 * cannot support the estimate, so callers can turn it into a study warning.
 */
import { studentTQuantile, studentTTwoSidedP } from './distributions.js';
import type { ContrastResult } from './linearMixedModel.js';

/** A t interval from n observations. */
export interface TInterval extends ContrastResult {
  n: number;
}

export interface RegressionSummary {
  n: number;
  r: number;
  slope: number;
  intercept: number;
  slopeSe: number;
  df: number;
  slopeCiLow: number;
  slopeCiHigh: number;
  /** Two-sided p for slope = 0 (identical to the test of r = 0). */
  p: number;
}

export function mean(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i]!;
  return s / values.length;
}

/** Sample variance (n − 1 denominator). */
export function variance(values: ArrayLike<number>): number {
  const m = mean(values);
  let s = 0;
  for (let i = 0; i < values.length; i++) s += (values[i]! - m) ** 2;
  return s / (values.length - 1);
}

function interval(estimate: number, se: number, df: number, n: number, confidence: number): TInterval {
  const t = estimate / se;
  const half = studentTQuantile(0.5 + confidence / 2, df) * se;
  return { estimate, se, df, t, p: studentTTwoSidedP(t, df), ciLow: estimate - half, ciHigh: estimate + half, n };
}

/** Mean with a t interval (for paired data pass the differences). */
export function oneSampleT(values: number[], confidence: number): TInterval | string {
  const n = values.length;
  if (n < 2) return `n = ${n}, need at least 2`;
  const sd = Math.sqrt(variance(values));
  if (!(sd > 0)) return `zero variance across ${n} values`;
  return interval(mean(values), sd / Math.sqrt(n), n - 1, n, confidence);
}

/** Difference of means a − b with the Welch–Satterthwaite interval. */
export function welchT(a: number[], b: number[], confidence: number): TInterval | string {
  if (a.length < 2 || b.length < 2) return `group sizes ${a.length} and ${b.length}, need at least 2 each`;
  const va = variance(a) / a.length;
  const vb = variance(b) / b.length;
  const se2 = va + vb;
  if (!(se2 > 0)) return 'zero variance in both groups';
  const df = (se2 * se2) / ((va * va) / (a.length - 1) + (vb * vb) / (b.length - 1));
  return interval(mean(a) - mean(b), Math.sqrt(se2), df, a.length + b.length, confidence);
}

/** Least-squares regression of y on x with Pearson r and a t interval for the slope. */
export function simpleRegression(x: number[], y: number[], confidence: number): RegressionSummary | string {
  const n = x.length;
  if (n < 3) return `n = ${n}, need at least 3`;
  const mx = mean(x);
  const my = mean(y);
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (x[i]! - mx) ** 2;
    syy += (y[i]! - my) ** 2;
    sxy += (x[i]! - mx) * (y[i]! - my);
  }
  if (!(sxx > 0)) return 'zero variance in x';
  if (!(syy > 0)) return 'zero variance in y';
  const slope = sxy / sxx;
  const r = Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
  const df = n - 2;
  const rss = Math.max(syy - slope * sxy, 0);
  const slopeSe = Math.sqrt(rss / df / sxx);
  const half = studentTQuantile(0.5 + confidence / 2, df) * slopeSe;
  // p from r keeps a perfect fit (rss = 0) finite: t = r √df / √(1 − r²)
  const p = Math.abs(r) === 1 ? 0 : studentTTwoSidedP((r * Math.sqrt(df)) / Math.sqrt(1 - r * r), df);
  return { n, r, slope, intercept: my - slope * mx, slopeSe, df, slopeCiLow: slope - half, slopeCiHigh: slope + half, p };
}
