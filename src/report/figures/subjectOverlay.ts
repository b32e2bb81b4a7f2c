import type { SessionCurve } from '../../types/timecourse.js';
import { renderFigure } from '../svg/figure.js';
import { conditionColours } from '../svg/palette.js';
import type { MarkerShape, PanelSpec, Series } from '../svg/types.js';
import { responseMeasures, flaggedWindows, infusionShade, orderedConditions, pctChangeAxis, TIME_AXIS, windowCentres } from './common.js';

export interface SubjectOverlayOptions {
  measures?: readonly string[];
  /** Study-wide condition order, so every figure gives a condition the same colour. */
  conditionOrder?: readonly string[];
}

const VISIT_SHAPES: readonly MarkerShape[] = ['circle', 'square', 'triangle', 'diamond'];

/** All visits of one subject on shared axes, coloured by condition (marker shape by visit, for print in grey). */
export function subjectOverlayFigure(sessions: readonly SessionCurve[], options: SubjectOverlayOptions = {}): string {
  const ordered = [...sessions].sort((a, b) => a.visitOrder - b.visitOrder || a.visit.localeCompare(b.visit));
  const colours = conditionColours(orderedConditions(options.conditionOrder ?? ordered.map((s) => s.condition), options.conditionOrder));
  const measures = responseMeasures(ordered, options.measures);
  const durationMin = Math.max(0, ...ordered.map((s) => s.infusionDurationMin));
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
        x: windowCentres(session),
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
    subtitle: 'Mean ± SD per window; open markers are flagged windows',
    panels,
    sharedY: true,
  });
}
