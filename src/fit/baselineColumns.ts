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

/**
 * Columns for the tail of a residual water peak centred at `waterPpm` (outside the fitted range): 1/(ν − ν_w)
 * and 1/(ν − ν_w)², the far-field dispersion and absorption shapes of any line there, each with free real and
 * imaginary coefficients (so its phase and width need not be known). Frequencies in ppm.
 */
export function waterTailColumns(ppm: Float64Array, waterPpm: number): Float64Array[] {
  const m = ppm.length;
  const columns: Float64Array[] = [];
  for (const power of [1, 2]) {
    const real = new Float64Array(2 * m);
    const imaginary = new Float64Array(2 * m);
    for (let i = 0; i < m; i++) {
      const v = 1 / (ppm[i] - waterPpm) ** power;
      real[2 * i] = v;
      imaginary[2 * i + 1] = v;
    }
    columns.push(real, imaginary);
  }
  return columns;
}
