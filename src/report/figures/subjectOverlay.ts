import type { SessionCurve } from '../../types/timecourse.js';
import { renderFigure } from '../svg/figure.js';
import { formatNumber } from '../svg/format.js';
import { conditionColours } from '../svg/palette.js';
import type { MarkerShape, PanelSpec, Series } from '../svg/types.js';
import { ERROR_BAR_NOTE, responseMeasures, flaggedWindows, infusionShade, orderedConditions, pctChangeAxis, TIME_AXIS, windowCentres } from './common.js';

export interface SubjectOverlayOptions {
  measures?: readonly string[];
  /** Study-wide condition order, so every figure gives a condition the same colour. */
  conditionOrder?: readonly string[];
}

const VISIT_SHAPES: readonly MarkerShape[] = ['circle', 'square', 'triangle', 'diamond'];

/** Fraction of the window spacing that the visits are spread over, so error bars at one time do not hide each other. */
const DODGE_FRACTION = 0.25;

/** Median spacing of a session's window centres (0 with fewer than two windows). */
function windowSpacingMin(session: SessionCurve): number {
  const steps = session.windows.slice(1).map((w, i) => w.centreMin - session.windows[i].centreMin).filter((d) => d > 0).sort((a, b) => a - b);
  return steps.length ? steps[Math.floor(steps.length / 2)] : 0;
}

/** All visits of one subject on shared axes, coloured by condition (marker shape by visit, for print in grey). */
export function subjectOverlayFigure(sessions: readonly SessionCurve[], options: SubjectOverlayOptions = {}): string {
  const ordered = [...sessions].sort((a, b) => a.visitOrder - b.visitOrder || a.visit.localeCompare(b.visit));
  const colours = conditionColours(orderedConditions(options.conditionOrder ?? ordered.map((s) => s.condition), options.conditionOrder));
  const measures = responseMeasures(ordered, options.measures);
  const durationMin = Math.max(0, ...ordered.map((s) => s.infusionDurationMin));
  const spacing = Math.min(...ordered.map(windowSpacingMin).filter((d) => d > 0));
  const dodgeMin = ordered.length > 1 && Number.isFinite(spacing) ? (DODGE_FRACTION * spacing) / (ordered.length - 1) : 0;
  const offsetMin = (i: number): number => (i - (ordered.length - 1) / 2) * dodgeMin;
  const panels: PanelSpec[] = measures.map((measure) => ({
    title: measure,
    x: TIME_AXIS,
    y: pctChangeAxis(measure),
    shaded: infusionShade(durationMin),
    referenceLines: [{ axis: 'y', value: 0 }],
    series: ordered.flatMap((session, i): Series[] => {
      const curve = session.measures[measure];
      if (!curve) return [];
      return [{
        label: `${session.visit} · ${session.condition}`,
        x: windowCentres(session).map((t) => t + offsetMin(i)),
        y: curve.pctChange,
        yErr: curve.pctChangeSd,
        colour: colours.get(session.condition) ?? '#000000',
        line: { widthPx: 1.6 },
        marker: { shape: VISIT_SHAPES[i % VISIT_SHAPES.length], hollow: flaggedWindows(session) },
      }];
    }),
  }));
  const subject = ordered[0]?.subject ?? '';
  return renderFigure({
    title: `Glutamate response by visit — ${subject}`,
    subtitle: [
      `% change per window; ${ERROR_BAR_NOTE}; open markers: flagged windows`,
      dodgeMin > 0 ? `visits offset by ${formatNumber(dodgeMin, dodgeMin < 0.1 ? 3 : 2)} min from each other for visibility` : '',
    ].filter(Boolean).join('; '),
    panels,
    sharedX: true,
    sharedY: true,
  });
}
