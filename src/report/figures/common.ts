import type { SessionCurve } from '../../types/timecourse.js';
import type { AxisSpec, MarkerShape, ShadedInterval } from '../svg/types.js';

export const TIME_AXIS: AxisSpec = { label: 'Time from infusion start (min)' };

/** Marker shape per condition (in study order), so conditions stay apart in greyscale print too. */
export const CONDITION_SHAPES: readonly MarkerShape[] = ['circle', 'square', 'triangle', 'diamond'];

/** What the per-window error bars show: the fit's SD and the baseline's, propagated to % change. */
export const ERROR_BAR_NOTE = 'error bars: ± 1 SD (fit and baseline uncertainty)';

export function pctChangeAxis(measure: string): AxisSpec {
  return { label: `${measure} change from baseline (%)`, includeZero: true };
}

export function infusionShade(durationMin: number): ShadedInterval[] {
  return Number.isFinite(durationMin) && durationMin > 0 ? [{ from: 0, to: durationMin, label: 'Infusion' }] : [];
}

/** Candidates for the two curves the trial reports per visit: Glx over the reference, then glutamate. */
const GLX_CANDIDATES = ['Glx/tNAA', 'Glx/tCr', 'Glx'];
const GLU_CANDIDATES = ['Glu', 'Glu/tNAA', 'Glu/tCr'];

function hasMeasure(sessions: readonly SessionCurve[], measure: string): boolean {
  return sessions.some((session) => session.measures[measure] !== undefined);
}

/**
 * The measures to plot: the requested ones that the sessions have, or by default the first Glx
 * measure and the first Glu measure present (so a tCr-referenced study still gets both panels).
 */
export function responseMeasures(sessions: readonly SessionCurve[], requested?: readonly string[]): string[] {
  if (requested) return requested.filter((measure) => hasMeasure(sessions, measure));
  return [GLX_CANDIDATES, GLU_CANDIDATES].flatMap((candidates) => candidates.find((m) => hasMeasure(sessions, m)) ?? []);
}

export function windowCentres(session: SessionCurve): Float64Array {
  return Float64Array.from(session.windows, (w) => w.centreMin);
}

export function flaggedWindows(session: SessionCurve): boolean[] {
  return session.windows.map((w) => w.flagged);
}

export function sessionTitle(session: SessionCurve): string {
  return `${session.subject} · ${session.visit} (${session.condition})`;
}

/** Conditions in a stable order: the given order first, then any others alphabetically. */
export function orderedConditions(conditions: Iterable<string>, preferred: readonly string[] = []): string[] {
  const all = new Set(conditions);
  const first = preferred.filter((c) => all.has(c));
  const rest = [...all].filter((c) => !first.includes(c)).sort();
  return [...first, ...rest];
}
