/** Per-condition mean % change curves over time bins, and the paired active − reference difference curves. */
import type { ConditionMeanCurve, DifferenceCurve } from '../types/study.js';
import { binCentreMin, pairedDifferences, valuesBySubject, type BinnedSession } from './sessionBins.js';
import { mean, oneSampleT } from './summaryStatistics.js';

function sortedBins(sessions: BinnedSession[]): number[] {
  const bins = new Set<number>();
  for (const s of sessions) for (const bin of s.pctByBin.keys()) bins.add(bin);
  return [...bins].sort((a, b) => a - b);
}

/**
 * Mean over sessions of each condition per bin, with SEM and a t interval. Bins where a condition has a single
 * session keep the mean but have NaN spread (serialised as null), and a warning says so.
 */
export function conditionMeanCurves(
  sessions: BinnedSession[],
  conditions: string[],
  measure: string,
  timeBinMin: number,
  confidence: number,
): { curves: ConditionMeanCurve[]; warnings: string[] } {
  const warnings: string[] = [];
  const bins = sortedBins(sessions);
  const curves = conditions.map((condition) => {
    const ofCondition = sessions.filter((s) => s.condition === condition);
    const curve: ConditionMeanCurve = { condition, measure, tMin: [], mean: [], sem: [], ciLow: [], ciHigh: [], n: [] };
    let thinBins = 0;
    for (const bin of bins) {
      const values = ofCondition.flatMap((s) => (s.pctByBin.has(bin) ? [s.pctByBin.get(bin)!] : []));
      if (values.length === 0) continue;
      const summary = oneSampleT(values, confidence);
      curve.tMin.push(binCentreMin(bin, timeBinMin));
      curve.n.push(values.length);
      if (typeof summary === 'string') {
        thinBins += 1;
        curve.mean.push(mean(values));
        curve.sem.push(values.length > 1 ? 0 : NaN);
        curve.ciLow.push(values.length > 1 ? mean(values) : NaN);
        curve.ciHigh.push(values.length > 1 ? mean(values) : NaN);
      } else {
        curve.mean.push(summary.estimate);
        curve.sem.push(summary.se);
        curve.ciLow.push(summary.ciLow);
        curve.ciHigh.push(summary.ciHigh);
      }
    }
    if (thinBins > 0) warnings.push(`mean curve ${condition}: ${thinBins} time bin(s) with fewer than 2 sessions or no spread`);
    return curve;
  });
  return { curves, warnings };
}

/** Per bin, the mean over subjects of (active − reference) with a paired t interval; complete pairs only. */
export function differenceCurves(
  sessions: BinnedSession[],
  activeConditions: string[],
  reference: string,
  measure: string,
  timeBinMin: number,
  confidence: number,
): { curves: DifferenceCurve[]; warnings: string[] } {
  const warnings: string[] = [];
  const bins = sortedBins(sessions);
  const curves = activeConditions.map((active) => {
    const label = `${active} − ${reference}`;
    const curve: DifferenceCurve = { label, measure, tMin: [], mean: [], ciLow: [], ciHigh: [], n: [] };
    let thinBins = 0;
    for (const bin of bins) {
      const pairs = pairedDifferences(valuesBySubject(sessions, (s) => s.pctByBin.get(bin) ?? null), active, reference);
      if (pairs.length === 0) continue;
      const differences = pairs.map((p) => p.difference);
      const summary = oneSampleT(differences, confidence);
      curve.tMin.push(binCentreMin(bin, timeBinMin));
      curve.n.push(pairs.length);
      curve.mean.push(mean(differences));
      if (typeof summary === 'string') {
        thinBins += 1;
        curve.ciLow.push(NaN);
        curve.ciHigh.push(NaN);
      } else {
        curve.ciLow.push(summary.ciLow);
        curve.ciHigh.push(summary.ciHigh);
      }
    }
    if (curve.tMin.length === 0) warnings.push(`difference curve ${label}: no subject has both conditions`);
    else if (thinBins > 0) warnings.push(`difference curve ${label}: ${thinBins} time bin(s) with fewer than 2 pairs or no spread; no CI there`);
    return curve;
  });
  return { curves, warnings };
}
