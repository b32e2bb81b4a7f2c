import type { FitCurves } from '../../types/fit.js';
import { formatNumber } from '../svg/format.js';
import { renderFigure } from '../svg/figure.js';
import { NEUTRAL, OKABE_ITO } from '../svg/palette.js';
import type { AxisSpec } from '../svg/types.js';

export interface SpectrumFitOptions {
  title?: string;
  /** [low, high] ppm shown; defaults to the usual metabolite range, cut to the fitted range. */
  ppmRange?: [number, number];
}

export const PPM_AXIS_LABEL = 'Chemical shift (ppm)';
const DEFAULT_PPM_RANGE: [number, number] = [0.2, 4.2];

/** The displayed ppm range: the requested one, cut to what the curves cover. */
export function ppmWindow(ppm: ArrayLike<number>, requested: [number, number] = DEFAULT_PPM_RANGE): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < ppm.length; i++) {
    lo = Math.min(lo, ppm[i]);
    hi = Math.max(hi, ppm[i]);
  }
  const low = Math.max(Math.min(...requested), lo);
  const high = Math.min(Math.max(...requested), hi);
  return low < high ? [low, high] : [lo, hi];
}

function extentInside(ppm: ArrayLike<number>, values: ArrayLike<number>, [lo, hi]: [number, number]): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < ppm.length; i++) {
    if (ppm[i] < lo || ppm[i] > hi || !Number.isFinite(values[i])) continue;
    min = Math.min(min, values[i]);
    max = Math.max(max, values[i]);
  }
  return min <= max ? [min, max] : [0, 0];
}

/** Data, model fit and baseline, with the residual drawn below on its own zero line; ppm runs right to left. */
export function spectrumFitFigure(curves: FitCurves, options: SpectrumFitOptions = {}): string {
  const range = ppmWindow(curves.ppm, options.ppmRange);
  const [dataMin, dataMax] = extentInside(curves.ppm, curves.data, range);
  const [residualMin, residualMax] = extentInside(curves.ppm, curves.residual, range);
  // Residual sits just below the lowest data point, separated by a tenth of the data's span.
  const gap = 0.1 * Math.max(dataMax - dataMin, 1e-12);
  const residualZero = dataMin - gap - residualMax;
  const residualShifted = curves.residual.map((v) => v + residualZero);
  const x: AxisSpec = { label: PPM_AXIS_LABEL, reversed: true, min: range[0], max: range[1] };
  return renderFigure({
    title: options.title ?? 'Spectrum and fit',
    subtitle: `Residual (data − fit) drawn below the data; its range is ${formatNumber((100 * (residualMax - residualMin)) / Math.max(dataMax - dataMin, 1e-12), 1)}% of the data's`,
    panels: [{
      x,
      y: { label: 'Signal (a.u.)', hideTickLabels: true },
      series: [
        { label: 'Data', x: curves.ppm, y: curves.data, colour: NEUTRAL.data, line: { widthPx: 1 } },
        { label: 'Fit', x: curves.ppm, y: curves.fit, colour: OKABE_ITO.vermillion, line: { widthPx: 1.6 } },
        { label: 'Baseline', x: curves.ppm, y: curves.baseline, colour: OKABE_ITO.blue, line: { widthPx: 1.3, dash: '5 3' } },
        { label: 'Residual', x: curves.ppm, y: residualShifted, colour: OKABE_ITO.black, line: { widthPx: 0.9 } },
        { x: range, y: [residualZero, residualZero], colour: NEUTRAL.shade, line: { widthPx: 0.8, dash: '2 2' } },
      ],
    }],
    panelWidthPx: 720,
    panelHeightPx: 400,
  });
}
