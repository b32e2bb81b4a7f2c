import type { FitResult } from '../types/fit.js';

/**
 * One line per kind of fit warning over a session's window fits, e.g. "model does not follow the data in 12 of
 * 40 window fits": the kind is a warning's text before its first colon, since the rest carries per-fit numbers.
 */
export function summariseWindowFitWarnings(fits: readonly (FitResult | null)[]): string[] {
  const fitted = fits.filter((fit): fit is FitResult => fit !== null);
  const counts = new Map<string, number>();
  for (const fit of fitted) {
    for (const kind of new Set(fit.qc.warnings.map((warning) => warning.split(':')[0]))) {
      counts.set(kind, (counts.get(kind) ?? 0) + 1);
    }
  }
  return [...counts].map(([kind, count]) => `${kind} in ${count} of ${fitted.length} window fits`);
}
