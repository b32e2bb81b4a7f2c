import { weightedLeastSquares } from './leastSquares.js';

/** Coefficients (constant first) of the weighted least-squares polynomial of `degree` (1 or 2) in x. */
export function weightedPolynomialFit(x: Float64Array, y: Float64Array, w: Float64Array, degree: 1 | 2): number[] {
  const rows = Array.from(x, (v) => [1, v, v * v].slice(0, degree + 1));
  return weightedLeastSquares(rows, y, w);
}
