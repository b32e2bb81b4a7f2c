import type { SessionCurve } from '../types/timecourse.js';
import { csvTable } from './csv.js';

/** timecourses.csv: one row per session × window × measure, tidy for R or pandas. */
export function timecoursesCsv(curves: SessionCurve[], reference: string): string {
  const header = ['subject', 'sex', 'visit', 'condition', 'window', 't_min', 't_start_min', 't_end_min', 'n_transients', 'flagged', 'metabolite', 'value', 'sd', 'ratio_to_ref', 'pct_change_from_baseline', 'pct_change_sd', 'model_pct_change', 'model_pct_change_sd'];
  const rows: (string | number | boolean | undefined)[][] = [];
  for (const curve of curves) {
    const ref = curve.measures[reference];
    for (const [measure, series] of Object.entries(curve.measures)) {
      curve.windows.forEach((w, i) => {
        const ratio = measure.includes('/') ? series.values[i] : ref ? series.values[i] / ref.values[i] : Number.NaN;
        rows.push([
          curve.subject, curve.sex, curve.visit, curve.condition, w.index, w.centreMin, w.startMin, w.endMin, w.nTransients, w.flagged,
          measure, series.values[i], series.sds[i], ratio, series.pctChange[i], series.pctChangeSd[i], series.modelPctChange?.[i], series.modelPctChangeSd?.[i],
        ]);
      });
    }
  }
  return csvTable(header, rows);
}

/** Per-session response metrics, in SessionMetrics order, as sessions.csv names them after their ratio. */
const METRIC_COLUMNS = ['peak_pct_change', 'time_to_peak_min', 'auc_infusion_pct_min', 'auc_post_pct_min', 'early_slope_pct_per_min', 'mean_infusion_pct_change', 'model_infusion_pct_change'];

/**
 * sessions.csv: one row per session with baselines, response metrics and QC; `qcFlags` (per curve) are the
 * reasons a session fails the QC limits, joined by "; " in `qc_flags` (empty when it passes).
 */
export function sessionsCsv(curves: SessionCurve[], reference: string, qcFlags: readonly (readonly string[])[] = []): string {
  const glx = `Glx/${reference}`;
  const glu = `Glu/${reference}`;
  const header = [
    'subject', 'sex', 'visit', 'condition', 'visit_order',
    `baseline_glu_${reference}`, `baseline_glx_${reference}`,
    // metric columns name their ratio (glx_tNAA_…), as the baselines do: the response is of the ratio, not of Glx alone
    ...METRIC_COLUMNS.map((metric) => `glx_${reference}_${metric}`),
    ...METRIC_COLUMNS.map((metric) => `glu_${reference}_${metric}`),
    'snr', 'fwhm_hz', 'water_fwhm_hz', 'drift_range_hz', 'transients_total', 'transients_rejected', 'qc_flags', 'madrs_baseline', 'madrs_24h',
  ];
  const metricValues = (m: SessionCurve['metrics'][string] | undefined) =>
    [m?.peakPctChange, m?.timeToPeakMin, m?.aucInfusionPctMin, m?.aucPostPctMin, m?.earlySlopePctPerMin, m?.meanInfusionPctChange, m?.modelInfusionPctChange];
  const rows = curves.map((c, i) => [
    c.subject, c.sex, c.visit, c.condition, c.visitOrder,
    c.measures[glu]?.baseline, c.measures[glx]?.baseline,
    ...metricValues(c.metrics[glx]),
    ...metricValues(c.metrics[glu]),
    c.qc.snr, c.qc.fwhmHz, c.qc.waterFwhmHz, c.qc.driftRangeHz, c.qc.transientsTotal, c.qc.transientsRejected, (qcFlags[i] ?? []).join('; '),
    c.madrs?.baseline, c.madrs?.h24,
  ]);
  return csvTable(header, rows);
}

/** errors.csv: sessions that could not be processed, with the one-line reason. */
export function errorsCsv(errors: { subject: string; visit: string; file: string; message: string }[]): string {
  return csvTable(['subject', 'visit', 'file', 'error'], errors.map((e) => [e.subject, e.visit, e.file, e.message]));
}
