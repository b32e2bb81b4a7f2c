import type { DynamicFitResult } from '../fit/dynamic/dynamicFitTypes.js';
import type { SessionCurve } from '../types/timecourse.js';
import { csvTable } from './csv.js';

/**
 * betas.csv (dynamic model): one row per session × measure × regressor with β and its SD, and for each
 * non-baseline regressor its effect as % of the baseline level; ratio rows carry the ratio's effect.
 */
export function betasCsv(sessions: { curve: SessionCurve; fit: DynamicFitResult }[]): string {
  const header = ['subject', 'sex', 'visit', 'condition', 'measure', 'kind', 'regressor', 'beta', 'sd', 'pct_of_baseline', 'pct_of_baseline_sd'];
  const rows: (string | number)[][] = [];
  for (const { curve, fit } of sessions) {
    const id = [curve.subject, curve.sex, curve.visit, curve.condition];
    const contrastOf = (measure: string, regressor: string) => fit.contrasts.find((c) => c.measure === measure && c.contrast === regressor);
    for (const [measure, result] of Object.entries(fit.measures)) {
      for (const regressor of fit.regressorNames) {
        const beta = result.betas[regressor];
        const contrast = contrastOf(measure, regressor);
        rows.push([...id, measure, 'metabolite', regressor, beta.value, beta.sd, contrast?.percentOfBaseline.value ?? Number.NaN, contrast?.percentOfBaseline.sd ?? Number.NaN]);
      }
    }
    for (const contrast of fit.contrasts.filter((c) => c.kind === 'ratio')) {
      rows.push([...id, contrast.measure, 'ratio', contrast.contrast, contrast.effect.value, contrast.effect.sd, contrast.percentOfBaseline.value, contrast.percentOfBaseline.sd]);
    }
  }
  return csvTable(header, rows);
}
