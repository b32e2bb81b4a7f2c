/**
 * Comparisons of per-session metrics between conditions, on complete subject pairs: the paired
 * active − reference difference (paired t), and the sex × condition interaction as the female − male
 * difference of those paired differences (Welch t).
 */
import type { ContrastEstimate } from '../types/study.js';
import type { SessionMetrics } from '../types/timecourse.js';
import { pairedDifferences, valuesBySubject, type BinnedSession } from './sessionBins.js';
import { oneSampleT, welchT, type TInterval } from './summaryStatistics.js';

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

function contrastOf(label: string, metric: string, t: TInterval): ContrastEstimate {
  return { label, metric, estimate: t.estimate, se: t.se, df: t.df, ciLow: t.ciLow, ciHigh: t.ciHigh, p: t.p, n: t.n };
}

/** Each active condition × present metric with its complete subject pairs (active − reference). */
function forEachMetricPairing(
  sessions: BinnedSession[],
  activeConditions: string[],
  reference: string,
  visit: (active: string, metric: keyof SessionMetrics, pairs: ReturnType<typeof metricPairs>) => void,
): void {
  for (const active of activeConditions) {
    for (const metric of presentMetrics(sessions)) visit(active, metric, metricPairs(sessions, metric, active, reference));
  }
}

export function pairedMetricContrasts(
  sessions: BinnedSession[],
  activeConditions: string[],
  reference: string,
  confidence: number,
): { contrasts: ContrastEstimate[]; warnings: string[] } {
  const contrasts: ContrastEstimate[] = [];
  const warnings: string[] = [];
  forEachMetricPairing(sessions, activeConditions, reference, (active, metric, pairs) => {
    const label = `${active} − ${reference}`;
    const result = oneSampleT(pairs.map((p) => p.difference), confidence);
    if (typeof result === 'string') {
      warnings.push(`paired ${metric} (${label}): ${result}; not estimated`);
      return;
    }
    contrasts.push(contrastOf(label, metric, result));
  });
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
  forEachMetricPairing(sessions, activeConditions, reference, (active, metric, pairs) => {
    if (pairs.length === 0) return;
    const label = `(${active} − ${reference}): F − M`;
    const female = pairs.filter((p) => p.sex === 'F').map((p) => p.difference);
    const male = pairs.filter((p) => p.sex === 'M').map((p) => p.difference);
    if (female.length === 0 || male.length === 0) {
      warnings.push(`sex × condition ${metric} (${active} − ${reference}): only one sex among complete pairs; not estimated`);
      return;
    }
    const result = welchT(female, male, confidence);
    if (typeof result === 'string') {
      warnings.push(`sex × condition ${metric} (${active} − ${reference}): ${result}; not estimated`);
      return;
    }
    contrasts.push(contrastOf(label, metric, result));
  });
  return { contrasts, warnings };
}
