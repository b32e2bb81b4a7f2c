/**
 * Complex baseline columns over the fitted range: Legendre polynomials P_0…P_order of the ppm axis mapped
 * to [−1, 1], once as a real and once as an imaginary column, so the baseline's real and imaginary parts
 * are free and independent of the model phase. Each column is interleaved complex (2·ppm.length).
 */
export function polynomialBaselineColumns(ppm: Float64Array, order: number): Float64Array[] {
  if (order < 0) return [];
  const m = ppm.length;
  const lo = Math.min(ppm[0], ppm[m - 1]);
  const hi = Math.max(ppm[0], ppm[m - 1]);
  const values: Float64Array[] = [];
  for (let k = 0; k <= order; k++) values.push(new Float64Array(m));
  for (let i = 0; i < m; i++) {
    const x = hi > lo ? (2 * (ppm[i] - lo)) / (hi - lo) - 1 : 0;
    values[0][i] = 1;
    if (order >= 1) values[1][i] = x;
    for (let k = 2; k <= order; k++) values[k][i] = ((2 * k - 1) * x * values[k - 1][i] - (k - 1) * values[k - 2][i]) / k;
  }
  const columns: Float64Array[] = [];
  for (const v of values) {
    const real = new Float64Array(2 * m);
    const imaginary = new Float64Array(2 * m);
    for (let i = 0; i < m; i++) {
      real[2 * i] = v[i];
      imaginary[2 * i + 1] = v[i];
    }
    columns.push(real, imaginary);
  }
  return columns;
}
