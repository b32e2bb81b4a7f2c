import type { FitResult } from '../types/fit.js';

/** Metabolites and combinations followed over time, when the fit has them. */
export const TRACKED_METABOLITES = ['Glu', 'Gln', 'Glx', 'NAA', 'tNAA', 'tCr', 'tCho', 'Ins', 'GABA', 'GSH'];

/** Ratios reported for a reference (tNAA or tCr): the outcome Glx/ref first. */
export function trackedRatios(reference: string): string[] {
  return ['Glx', 'Glu', 'Gln'].map((m) => `${m}/${reference}`);
}

export interface MeasureValue {
  value: number;
  sd: number;
}

/** A metabolite amplitude or a ratio ("Glx/tNAA") with its CRLB-propagated SD, or null when the fit lacks it. */
export function measureFromFit(fit: FitResult, measure: string): MeasureValue | null {
  const slash = measure.indexOf('/');
  if (slash < 0) {
    const value = fit.amplitudes[measure];
    return value === undefined ? null : { value, sd: fit.crlbSd[measure] ?? Number.NaN };
  }
  const numerator = measureFromFit(fit, measure.slice(0, slash));
  const denominator = measureFromFit(fit, measure.slice(slash + 1));
  if (!numerator || !denominator || denominator.value === 0) return null;
  const value = numerator.value / denominator.value;
  // First-order propagation; the parts' covariance is small next to their variances for well-separated peaks.
  const relative = Math.hypot(numerator.sd / numerator.value, denominator.sd / denominator.value);
  return { value, sd: Math.abs(value) * relative };
}
