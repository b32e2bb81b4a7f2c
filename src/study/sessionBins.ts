/**
 * Reduces each session to what the study statistics need: the % change of one measure averaged within fixed
 * time bins (flagged windows and non-finite values left out), plus its per-session metrics and MADRS scores.
 */
import { isUsableBaseline } from '../timecourse/baseline.js';
import type { SessionCurve, SessionMetrics } from '../types/timecourse.js';

export interface BinnedSession {
  subject: string;
  sex: 'M' | 'F';
  condition: string;
  visitOrder: number;
  madrs: { baseline: number; h24: number } | null;
  /** Bin index → mean % change over the session's usable windows in that bin. */
  pctByBin: Map<number, number>;
  metrics: SessionMetrics | null;
}

/** Bin k covers [k·width, (k+1)·width) minutes from infusion start; negative k are pre-infusion. */
export function binIndexOf(centreMin: number, timeBinMin: number): number {
  // a tiny tolerance keeps window centres that sit exactly on an edge in the later bin despite rounding
  return Math.floor(centreMin / timeBinMin + 1e-9);
}

export function binCentreMin(bin: number, timeBinMin: number): number {
  return (bin + 0.5) * timeBinMin;
}

/** Why no window of a session (whose baseline is usable) gives a % change the statistics can use. */
function noUsableWindowReason(curve: SessionCurve, pctChange: Float64Array, measure: string): string {
  const { windows } = curve;
  if (windows.length === 0) return 'no windows';
  const flagged = windows.filter((w) => w.flagged).length;
  if (flagged === windows.length) return `all ${flagged} windows are flagged (too few accepted transients or a failed fit)`;
  const estimated = windows.filter((w, k) => !w.flagged && Number.isFinite(pctChange[k])).length;
  if (estimated === 0) return `no unflagged window has a ${measure} estimate (${flagged} of ${windows.length} flagged)`;
  return 'no window has a finite time';
}

export function binSessions(
  curves: SessionCurve[],
  measure: string,
  timeBinMin: number,
): { sessions: BinnedSession[]; warnings: string[] } {
  const warnings: string[] = [];
  const sessions: BinnedSession[] = [];
  for (const curve of curves) {
    const id = `${curve.subject}/${curve.visit}`;
    const series = curve.measures[measure];
    if (!series) {
      warnings.push(`session ${id}: no "${measure}" curve; session excluded`);
      continue;
    }
    if (!isUsableBaseline(series.baseline) || series.baselineProblem !== undefined) {
      const reason = series.baselineProblem ?? (Number.isFinite(series.baseline) ? `baseline ${series.baseline}, not positive` : 'baseline undefined');
      warnings.push(`session ${id}: no usable ${measure} baseline — ${reason}; session excluded`);
      continue;
    }
    const sums = new Map<number, { total: number; count: number }>();
    curve.windows.forEach((window, k) => {
      const value = series.pctChange[k];
      if (window.flagged || value === undefined || !Number.isFinite(value) || !Number.isFinite(window.centreMin)) return;
      const bin = binIndexOf(window.centreMin, timeBinMin);
      const entry = sums.get(bin) ?? { total: 0, count: 0 };
      entry.total += value;
      entry.count += 1;
      sums.set(bin, entry);
    });
    if (sums.size === 0) {
      warnings.push(`session ${id}: ${noUsableWindowReason(curve, series.pctChange, measure)}; session excluded`);
      continue;
    }
    const pctByBin = new Map([...sums].map(([bin, e]) => [bin, e.total / e.count]));
    const metrics = curve.metrics[measure] ?? null;
    if (!metrics) warnings.push(`session ${id}: no metrics for "${measure}"; left out of the metric comparisons`);
    sessions.push({
      subject: curve.subject,
      sex: curve.sex,
      condition: curve.condition,
      visitOrder: curve.visitOrder,
      madrs: curve.madrs,
      pctByBin,
      metrics,
    });
  }
  return { sessions, warnings };
}

/**
 * One value per subject and condition (sessions repeated within a subject and condition are averaged), with the
 * subject's sex. `pick` returns null when a session has no usable value.
 */
export function valuesBySubject(
  sessions: BinnedSession[],
  pick: (session: BinnedSession) => number | null,
): Map<string, { sex: 'M' | 'F'; byCondition: Map<string, number> }> {
  const sums = new Map<string, { sex: 'M' | 'F'; sums: Map<string, { total: number; count: number }> }>();
  for (const session of sessions) {
    const value = pick(session);
    if (value === null || !Number.isFinite(value)) continue;
    const subject = sums.get(session.subject) ?? { sex: session.sex, sums: new Map() };
    const entry = subject.sums.get(session.condition) ?? { total: 0, count: 0 };
    entry.total += value;
    entry.count += 1;
    subject.sums.set(session.condition, entry);
    sums.set(session.subject, subject);
  }
  return new Map(
    [...sums].map(([subject, s]) => [
      subject,
      { sex: s.sex, byCondition: new Map([...s.sums].map(([c, e]) => [c, e.total / e.count])) },
    ]),
  );
}

/** Subjects with a value under both conditions: the active − reference difference of each. */
export function pairedDifferences(
  bySubject: ReturnType<typeof valuesBySubject>,
  active: string,
  reference: string,
): { subject: string; sex: 'M' | 'F'; difference: number; active: number; reference: number }[] {
  const pairs: { subject: string; sex: 'M' | 'F'; difference: number; active: number; reference: number }[] = [];
  for (const [subject, s] of [...bySubject].sort(([a], [b]) => a.localeCompare(b))) {
    const a = s.byCondition.get(active);
    const r = s.byCondition.get(reference);
    if (a === undefined || r === undefined) continue;
    pairs.push({ subject, sex: s.sex, difference: a - r, active: a, reference: r });
  }
  return pairs;
}
