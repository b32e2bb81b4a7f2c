import type { FitResult } from '../types/fit.js';
import type { MeasureCurve, SessionCurve, SessionQc, SessionWindow } from '../types/timecourse.js';
import { measureBaseline } from './baseline.js';
import { measureFromFit, TRACKED_METABOLITES, trackedRatios } from './measures.js';
import { sessionMetrics } from './sessionMetrics.js';

/** Who and what a session is: the curve's identifying fields. */
export type SessionDescription = Pick<SessionCurve, 'subject' | 'sex' | 'visit' | 'condition' | 'visitOrder' | 'infusionDurationMin' | 'madrs'>;

export interface CurveOptions {
  reference: 'tNAA' | 'tCr';
  /** Baseline interval, minutes from infusion start: unflagged windows wholly inside it form the baseline. */
  baselineMin: [number, number];
}

/**
 * Per-session curves of every tracked metabolite and ratio over the windows, with baseline, % change from
 * baseline and propagated SDs, and response metrics for the ratios.
 */
export function buildSessionCurve(
  description: SessionDescription,
  windows: SessionWindow[],
  fits: (FitResult | null)[],
  options: CurveOptions,
  qc: SessionQc,
): SessionCurve {
  const measures: Record<string, MeasureCurve> = {};
  const metrics: SessionCurve['metrics'] = {};
  const ratioNames = trackedRatios(options.reference);
  const estimates = new Map<string, { values: Float64Array; sds: Float64Array }>();
  for (const measure of [...TRACKED_METABOLITES, ...ratioNames]) {
    const values = new Float64Array(windows.length).fill(Number.NaN);
    const sds = new Float64Array(windows.length).fill(Number.NaN);
    let present = false;
    fits.forEach((fit, i) => {
      const estimate = fit ? measureFromFit(fit, measure) : null;
      if (!estimate) return;
      present = true;
      values[i] = estimate.value;
      sds[i] = estimate.sd;
    });
    if (present) estimates.set(measure, { values, sds });
  }
  const amplitudes = Object.fromEntries([...estimates].filter(([name]) => !name.includes('/')).map(([name, e]) => [name, e.values]));
  for (const [measure, { values, sds }] of estimates) {
    const baseline = measureBaseline(measure, values, sds, windows, amplitudes, options.baselineMin);
    const pctChange = new Float64Array(windows.length).fill(Number.NaN);
    const pctChangeSd = new Float64Array(windows.length).fill(Number.NaN);
    // A % change from a baseline that is not positive is undefined, not a (huge or negative) number.
    if (baseline.problem === undefined) {
      values.forEach((v, i) => {
        pctChange[i] = 100 * (v / baseline.mean - 1);
        pctChangeSd[i] = 100 * Math.hypot(sds[i] / baseline.mean, (v * baseline.sd) / baseline.mean ** 2);
      });
    }
    measures[measure] = { values, sds, baseline: baseline.mean, baselineSd: baseline.sd, pctChange, pctChangeSd };
    if (baseline.problem !== undefined) measures[measure].baselineProblem = baseline.problem;
    if (ratioNames.includes(measure) || measure === 'Glu' || measure === 'Glx') {
      metrics[measure] = sessionMetrics(windows, pctChange, description.infusionDurationMin);
    }
  }
  return { ...description, windows, measures, metrics, qc };
}
