import type { SessionCurve } from '../../types/timecourse.js';
import { formatNumber } from '../svg/format.js';
import { renderFigure } from '../svg/figure.js';
import { OKABE_ITO } from '../svg/palette.js';
import type { PanelSpec } from '../svg/types.js';
import { ERROR_BAR_NOTE, responseMeasures, flaggedWindows, infusionShade, pctChangeAxis, sessionTitle, TIME_AXIS, windowCentres } from './common.js';

export interface VisitResponseOptions {
  measures?: readonly string[];
  colour?: string;
}

/**
 * One visit: % change from baseline of each response measure per window, ± SD, with the infusion shaded; with
 * the dynamic model, its fitted course (± SD band) over the same windows.
 */
export function visitResponseFigure(session: SessionCurve, options: VisitResponseOptions = {}): string {
  const measures = responseMeasures([session], options.measures);
  const colour = options.colour ?? OKABE_ITO.blue;
  const x = windowCentres(session);
  const hollow = flaggedWindows(session);
  const panels: PanelSpec[] = measures.map((measure) => {
    const curve = session.measures[measure];
    const model = curve.modelPctChange;
    const modelSd = curve.modelPctChangeSd;
    return {
      title: measure,
      x: TIME_AXIS,
      y: pctChangeAxis(measure),
      shaded: infusionShade(session.infusionDurationMin),
      referenceLines: [{ axis: 'y', value: 0 }],
      series: [
        { label: 'window fits (± 1 SD)', x, y: curve.pctChange, yErr: curve.pctChangeSd, colour, line: { widthPx: 1.6 }, marker: { shape: 'circle', hollow } },
        ...(model ? [{ label: 'dynamic model', x, y: model, colour: OKABE_ITO.black, line: { widthPx: 1.4, dash: '5 3' } }] : []),
      ],
      bands: model && modelSd
        ? [{ x, low: Float64Array.from(model, (m, i) => m - modelSd[i]), high: Float64Array.from(model, (m, i) => m + modelSd[i]), colour: OKABE_ITO.black, opacity: 0.12 }]
        : undefined,
    };
  });
  const flaggedCount = hollow.filter(Boolean).length;
  const subtitle = [
    `Average spectrum: SNR ${formatNumber(session.qc.snr, 1)}, FWHM ${formatNumber(session.qc.fwhmHz, 1)} Hz`,
    `${session.windows.length} window${session.windows.length === 1 ? '' : 's'}`,
    ERROR_BAR_NOTE,
    flaggedCount ? `open markers: ${flaggedCount} flagged window${flaggedCount === 1 ? '' : 's'}, left out of statistics` : '',
  ].filter(Boolean).join(' · ');
  const withModel = measures.some((m) => session.measures[m].modelPctChange);
  // the lone data series needs no legend; with the model line there are two things to tell apart
  return renderFigure({ title: `Glutamate response — ${sessionTitle(session)}`, subtitle, panels, sharedX: true, sharedY: true, legend: withModel ? undefined : [] });
}
