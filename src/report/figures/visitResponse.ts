import type { SessionCurve } from '../../types/timecourse.js';
import { formatNumber } from '../svg/format.js';
import { renderFigure } from '../svg/figure.js';
import { OKABE_ITO } from '../svg/palette.js';
import type { PanelSpec } from '../svg/types.js';
import { responseMeasures, flaggedWindows, infusionShade, pctChangeAxis, sessionTitle, TIME_AXIS, windowCentres } from './common.js';

export interface VisitResponseOptions {
  measures?: readonly string[];
  colour?: string;
}

/** One visit: % change from baseline of each response measure per window, ± SD, with the infusion shaded. */
export function visitResponseFigure(session: SessionCurve, options: VisitResponseOptions = {}): string {
  const measures = responseMeasures([session], options.measures);
  const colour = options.colour ?? OKABE_ITO.blue;
  const x = windowCentres(session);
  const hollow = flaggedWindows(session);
  const panels: PanelSpec[] = measures.map((measure) => {
    const curve = session.measures[measure];
    return {
      title: measure,
      x: TIME_AXIS,
      y: pctChangeAxis(measure),
      shaded: infusionShade(session.infusionDurationMin),
      referenceLines: [{ axis: 'y', value: 0 }],
      series: [{ label: `${measure} (mean ± SD)`, x, y: curve.pctChange, yErr: curve.pctChangeSd, colour, line: { widthPx: 1.6 }, marker: { shape: 'circle', hollow } }],
    };
  });
  const flaggedCount = hollow.filter(Boolean).length;
  const subtitle = [
    `SNR ${formatNumber(session.qc.snr, 1)}`,
    `FWHM ${formatNumber(session.qc.fwhmHz, 1)} Hz`,
    `${session.windows.length} windows`,
    flaggedCount ? `open markers: ${flaggedCount} flagged window(s), left out of statistics` : '',
  ].filter(Boolean).join(' · ');
  return renderFigure({ title: `Glutamate response — ${sessionTitle(session)}`, subtitle, panels, sharedY: true, legend: [] });
}
