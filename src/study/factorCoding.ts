/**
 * Design columns for factors. Centred treatment coding: one column per non-reference level, equal to
 * indicator(level) − 1/k for k levels. With every factor coded this way (and interactions as products), each
 * main-effect coefficient is "level − reference" averaged with equal weight over the levels of the other
 * factors, and the intercept is the unweighted mean of the cell means: the type III hypotheses, whatever the
 * cell counts.
 */

/** Columns for one factor; `levelOf[i]` is the 0-based level of observation i, level 0 is the reference. */
export function centredTreatmentColumns(levelOf: ArrayLike<number>, nLevels: number): Float64Array[] {
  const columns: Float64Array[] = [];
  for (let level = 1; level < nLevels; level++) {
    columns.push(Float64Array.from(levelOf, (l) => (l === level ? 1 : 0) - 1 / nLevels));
  }
  return columns;
}

/** Element-wise products of every column of `a` with every column of `b` (a-major order). */
export function interactionColumns(a: Float64Array[], b: Float64Array[]): Float64Array[] {
  const columns: Float64Array[] = [];
  for (const ca of a) for (const cb of b) columns.push(ca.map((v, i) => v * cb[i]!));
  return columns;
}

export function interceptColumn(n: number): Float64Array {
  return new Float64Array(n).fill(1);
}
