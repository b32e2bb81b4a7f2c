/**
 * Association of the glutamate response (a per-session metric) with the MADRS change from the pre-infusion
 * baseline to 24 h: per condition over sessions, and across subjects for the paired active − reference
 * differences of both.
 */
import type { Association } from '../types/study.js';
import type { SessionMetrics } from '../types/timecourse.js';
import { pairedDifferences, valuesBySubject, type BinnedSession } from './sessionBins.js';
import { simpleRegression } from './summaryStatistics.js';

export type MadrsChangeScale = 'absolute' | 'percent';

/** h24 − baseline, or the same as % of baseline (undefined when the baseline is not positive). */
export function madrsChange(session: BinnedSession, scale: MadrsChangeScale): number | null {
  const m = session.madrs;
  if (!m || !Number.isFinite(m.baseline) || !Number.isFinite(m.h24)) return null;
  if (scale === 'absolute') return m.h24 - m.baseline;
  return m.baseline > 0 ? (100 * (m.h24 - m.baseline)) / m.baseline : null;
}

export function madrsAssociations(
  sessions: BinnedSession[],
  conditions: string[],
  reference: string,
  responseMetric: keyof SessionMetrics,
  scale: MadrsChangeScale,
  confidence: number,
): { associations: Association[]; warnings: string[] } {
  const associations: Association[] = [];
  const warnings: string[] = [];
  const yLabel = scale === 'absolute' ? 'MADRS change (h24 − baseline)' : 'MADRS change (% of baseline)';
  const response = (s: BinnedSession) => s.metrics?.[responseMetric] ?? null;
  const change = (s: BinnedSession) => madrsChange(s, scale);

  const add = (label: string, points: Association['points'], xLabel: string, pointsYLabel: string) => {
    const fit = simpleRegression(points.map((p) => p.x), points.map((p) => p.y), confidence);
    if (typeof fit === 'string') {
      warnings.push(`MADRS association ${label}: ${fit}; not estimated`);
      return;
    }
    associations.push({
      label,
      r: fit.r,
      slope: fit.slope,
      slopeCiLow: fit.slopeCiLow,
      slopeCiHigh: fit.slopeCiHigh,
      p: fit.p,
      n: fit.n,
      xLabel,
      yLabel: pointsYLabel,
      df: fit.df,
      points,
    });
  };

  for (const condition of conditions) {
    const xs = valuesBySubject(sessions.filter((s) => s.condition === condition), response);
    const ys = valuesBySubject(sessions.filter((s) => s.condition === condition), change);
    const points: Association['points'] = [];
    for (const [subject, x] of [...xs].sort(([a], [b]) => a.localeCompare(b))) {
      const xv = x.byCondition.get(condition);
      const yv = ys.get(subject)?.byCondition.get(condition);
      if (xv !== undefined && yv !== undefined) points.push({ subject, condition, x: xv, y: yv });
    }
    add(condition, points, responseMetric, yLabel);
  }

  for (const active of conditions.filter((c) => c !== reference)) {
    const label = `${active} − ${reference}`;
    const dx = new Map(pairedDifferences(valuesBySubject(sessions, response), active, reference).map((p) => [p.subject, p.difference]));
    const points = pairedDifferences(valuesBySubject(sessions, change), active, reference).flatMap((p) =>
      dx.has(p.subject) ? [{ subject: p.subject, condition: label, x: dx.get(p.subject)!, y: p.difference }] : [],
    );
    add(label, points, `Δ ${responseMetric} (${label})`, `Δ ${yLabel} (${label})`);
  }
  return { associations, warnings };
}
