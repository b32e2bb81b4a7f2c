/** Sums of metabolites reported alongside the fitted ones; part names as LCModel/FSL-MRS bases spell them. */
export const METABOLITE_COMBINATIONS: { name: string; parts: string[] }[] = [
  { name: 'Glx', parts: ['Glu', 'Gln'] },
  { name: 'tNAA', parts: ['NAA', 'NAAG'] },
  { name: 'tCr', parts: ['Cr', 'PCr'] },
  { name: 'tCho', parts: ['GPC', 'PCh', 'PCho', 'Cho'] },
];

/**
 * Adds each combination whose parts are (at least partly) present to `amplitudes` and `crlbSd`, with
 * SD² = Σ_a Σ_b cov(a, b) over the parts present (covariance row-major in `names` order). A combination
 * is skipped when a fitted component already carries its name.
 */
export function addCombinations(
  names: string[],
  covariance: Float64Array,
  amplitudes: Record<string, number>,
  crlbSd: Record<string, number>,
): void {
  const n = names.length;
  for (const { name, parts } of METABOLITE_COMBINATIONS) {
    if (names.includes(name)) continue;
    const indices = parts.map((p) => names.indexOf(p)).filter((i) => i >= 0);
    if (indices.length === 0) continue;
    let sum = 0;
    let variance = 0;
    for (const a of indices) {
      sum += amplitudes[names[a]];
      for (const b of indices) variance += covariance[a * n + b];
    }
    amplitudes[name] = sum;
    crlbSd[name] = Math.sqrt(Math.max(variance, 0));
  }
}
