import type { ConditionMeanCurve } from '../../types/study.js';
import type { SessionCurve } from '../../types/timecourse.js';
import { renderFigure } from '../svg/figure.js';
import { conditionColours, OKABE_ITO } from '../svg/palette.js';
import type { PanelSpec, Series } from '../svg/types.js';
import { infusionShade, orderedConditions, pctChangeAxis, TIME_AXIS, windowCentres } from './common.js';

export interface SpaghettiOptions {
  measure: string;
  conditionOrder?: readonly string[];
  /** Condition means drawn bold over the sessions when given. */
  meanCurves?: readonly ConditionMeanCurve[];
}

/** Every session's curve, one panel per condition, so outliers and the spread are visible at a glance. */
export function spaghettiFigure(sessions: readonly SessionCurve[], options: SpaghettiOptions): string {
  const conditions = orderedConditions(sessions.map((s) => s.condition), options.conditionOrder);
  const colours = conditionColours(orderedConditions(options.conditionOrder ?? conditions, options.conditionOrder));
  const durationMin = Math.max(0, ...sessions.map((s) => s.infusionDurationMin));
  const panels: PanelSpec[] = conditions.map((condition) => {
    const members = sessions.filter((s) => s.condition === condition && s.measures[options.measure]);
    const series: Series[] = members.map((session) => ({
      x: windowCentres(session),
      y: session.measures[options.measure].pctChange,
      colour: colours.get(condition) ?? '#000000',
      line: { widthPx: 1.1, opacity: 0.65 },
    }));
    const mean = options.meanCurves?.find((c) => c.condition === condition && c.measure === options.measure);
    if (mean) series.push({ label: 'Condition mean', x: mean.tMin, y: mean.mean, colour: OKABE_ITO.black, line: { widthPx: 2.4 } });
    return {
      title: `${condition} (${members.length} session${members.length === 1 ? '' : 's'})`,
      x: TIME_AXIS,
      y: pctChangeAxis(options.measure),
      shaded: infusionShade(durationMin),
      referenceLines: [{ axis: 'y', value: 0 }],
      series,
    };
  });
  return renderFigure({
    title: `All sessions — ${options.measure}`,
    subtitle: options.meanCurves ? 'Thin lines: one session each; bold line: condition mean per time bin' : 'Thin lines: one session each',
    panels,
    sharedX: true,
    sharedY: true,
  });
}
