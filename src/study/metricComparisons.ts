/**
 * Comparisons of per-session metrics between conditions, on complete subject pairs: the paired
 * active − reference difference (paired t), and the sex × condition interaction as the female − male
 * difference of those paired differences (Welch t).
 */
import type { ContrastEstimate } from '../types/study.js';
import type { SessionMetrics } from '../types/timecourse.js';
import { pairedDifferences, valuesBySubject, type BinnedSession } from './sessionBins.js';
import { oneSampleT, welchT } from './summaryStatistics.js';

export const METRIC_NAMES: (keyof SessionMetrics)[] = [
  'peakPctChange',
  'timeToPeakMin',
  'aucInfusionPctMin',
  'aucPostPctMin',
  'earlySlopePctPerMin',
  'meanInfusionPctChange',
  'modelInfusionPctChange',
];

/** The metrics some session has (the dynamic model's only with that model), so absent ones raise no warnings. */
function presentMetrics(sessions: BinnedSession[]): (keyof SessionMetrics)[] {
  return METRIC_NAMES.filter((metric) => sessions.some((s) => s.metrics?.[metric] !== undefined));
}

function metricPairs(sessions: BinnedSession[], metric: keyof SessionMetrics, active: string, reference: string) {
  return pairedDifferences(
    valuesBySubject(sessions, (s) => s.metrics?.[metric] ?? null),
    active,
    reference,
  );
}

export function pairedMetricContrasts(
  sessions: BinnedSession[],
  activeConditions: string[],
  reference: string,
  confidence: number,
): { contrasts: ContrastEstimate[]; warnings: string[] } {
  const contrasts: ContrastEstimate[] = [];
  const warnings: string[] = [];
  for (const active of activeConditions) {
    const label = `${active} − ${reference}`;
    for (const metric of presentMetrics(sessions)) {
      const pairs = metricPairs(sessions, metric, active, reference);
      const result = oneSampleT(pairs.map((p) => p.difference), confidence);
      if (typeof result === 'string') {
        warnings.push(`paired ${metric} (${label}): ${result}; not estimated`);
        continue;
      }
      contrasts.push({ label, metric, estimate: result.estimate, se: result.se, df: result.df, ciLow: result.ciLow, ciHigh: result.ciHigh, p: result.p, n: result.n });
    }
  }
  return { contrasts, warnings };
}

export function sexByConditionContrasts(
  sessions: BinnedSession[],
  activeConditions: string[],
  reference: string,
  confidence: number,
): { contrasts: ContrastEstimate[]; warnings: string[] } {
  const contrasts: ContrastEstimate[] = [];
  const warnings: string[] = [];
  for (const active of activeConditions) {
    const label = `(${active} − ${reference}): F − M`;
    for (const metric of presentMetrics(sessions)) {
      const pairs = metricPairs(sessions, metric, active, reference);
      if (pairs.length === 0) continue;
      const female = pairs.filter((p) => p.sex === 'F').map((p) => p.difference);
      const male = pairs.filter((p) => p.sex === 'M').map((p) => p.difference);
      if (female.length === 0 || male.length === 0) {
        warnings.push(`sex × condition ${metric} (${active} − ${reference}): only one sex among complete pairs; not estimated`);
        continue;
      }
      const result = welchT(female, male, confidence);
      if (typeof result === 'string') {
        warnings.push(`sex × condition ${metric} (${active} − ${reference}): ${result}; not estimated`);
        continue;
      }
      contrasts.push({ label, metric, estimate: result.estimate, se: result.se, df: result.df, ciLow: result.ciLow, ciHigh: result.ciHigh, p: result.p, n: result.n });
    }
  }
  return { contrasts, warnings };
}
