import type { FitResult } from '../types/fit.js';
import type { MeasureCurve, SessionCurve, SessionQc, SessionWindow } from '../types/timecourse.js';
import { measureFromFit, TRACKED_METABOLITES, trackedRatios } from './measures.js';
import { sessionMetrics } from './sessionMetrics.js';

/** Who and what a session is: the curve's identifying fields. */
export type SessionDescription = Pick<SessionCurve, 'subject' | 'sex' | 'visit' | 'condition' | 'visitOrder' | 'infusionDurationMin' | 'madrs'>;

export interface CurveOptions {
  reference: 'tNAA' | 'tCr';
  /** Baseline interval, minutes from infusion start: windows wholly inside it form the baseline. */
  baselineMin: [number, number];
}

/**
 * Mean of the baseline windows and its SD. Sliding windows overlap, so they are not independent: the SD is the
 * typical window SD over √(number of non-overlapping windows that fit in the baseline span).
 */
function baselineOf(values: Float64Array, sds: Float64Array, windows: SessionWindow[], inBaseline: boolean[]): { mean: number; sd: number } {
  const used = windows.filter((w, i) => inBaseline[i] && Number.isFinite(values[i]));
  if (used.length === 0) return { mean: Number.NaN, sd: Number.NaN };
  const pick = (x: Float64Array): number[] => Array.from(x).filter((v, i) => inBaseline[i] && Number.isFinite(values[i]));
  const mean = pick(values).reduce((s, v) => s + v, 0) / used.length;
  const meanSd = pick(sds).reduce((s, v) => s + v, 0) / used.length;
  const spanMin = Math.max(...used.map((w) => w.endMin)) - Math.min(...used.map((w) => w.startMin));
  const windowMin = used.reduce((s, w) => s + (w.endMin - w.startMin), 0) / used.length;
  const independent = Math.max(1, spanMin / windowMin);
  return { mean, sd: meanSd / Math.sqrt(independent) };
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
  const [from, to] = options.baselineMin;
  const inBaseline = windows.map((w) => !w.flagged && w.startMin >= from - 1e-9 && w.endMin <= to + 1e-9);
  const measures: Record<string, MeasureCurve> = {};
  const metrics: SessionCurve['metrics'] = {};
  const ratioNames = trackedRatios(options.reference);
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
    if (!present) continue;
    const baseline = baselineOf(values, sds, windows, inBaseline);
    const pctChange = new Float64Array(windows.length);
    const pctChangeSd = new Float64Array(windows.length);
    values.forEach((v, i) => {
      pctChange[i] = 100 * (v / baseline.mean - 1);
      pctChangeSd[i] = 100 * Math.hypot(sds[i] / baseline.mean, (v * baseline.sd) / baseline.mean ** 2);
    });
    measures[measure] = { values, sds, baseline: baseline.mean, baselineSd: baseline.sd, pctChange, pctChangeSd };
    if (ratioNames.includes(measure) || measure === 'Glu' || measure === 'Glx') {
      metrics[measure] = sessionMetrics(windows, pctChange, description.infusionDurationMin);
    }
  }
  return { ...description, windows, measures, metrics, qc };
}
