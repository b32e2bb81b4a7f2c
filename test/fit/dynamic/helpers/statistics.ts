import { weightedLeastSquares } from '../../../../src/linalg/leastSquares.js';

export function mean(x: number[]): number {
  return x.reduce((a, b) => a + b, 0) / x.length;
}

export function sampleSd(x: number[]): number {
  const m = mean(x);
  return Math.sqrt(x.reduce((a, b) => a + (b - m) ** 2, 0) / (x.length - 1));
}

/** Ordinary least squares β = (XᵀX)⁻¹Xᵀy for rows of X. */
export function ordinaryLeastSquares(rows: number[][], y: number[]): number[] {
  return weightedLeastSquares(rows, y, new Float64Array(y.length).fill(1));
}
