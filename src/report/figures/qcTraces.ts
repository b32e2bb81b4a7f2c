import type { SessionQcTrace } from '../qcTrace.js';
import { renderFigure } from '../svg/figure.js';
import { NEUTRAL, OKABE_ITO } from '../svg/palette.js';
import type { PanelSpec, Series } from '../svg/types.js';
import { infusionShade, TIME_AXIS } from './common.js';

export interface QcTraceOptions {
  title?: string;
  infusionDurationMin?: number;
}

function rejectedOnly(values: Float64Array, rejected: Uint8Array): Float64Array {
  return values.map((v, i) => (rejected[i] ? v : NaN));
}

function transientPanel(trace: SessionQcTrace, values: Float64Array, title: string, yLabel: string, durationMin: number): PanelSpec {
  const anyRejected = trace.rejected.some(Boolean);
  const series: Series[] = [
    { label: 'Correction per transient', x: trace.timesMin, y: values, colour: OKABE_ITO.blue, line: { widthPx: 1 } },
    // No legend entry for a mark the figure does not show.
    { label: anyRejected ? 'Rejected transient' : undefined, x: trace.timesMin, y: rejectedOnly(values, trace.rejected), colour: OKABE_ITO.vermillion, marker: { shape: 'cross', sizePx: 7 } },
  ];
  return { title, x: TIME_AXIS, y: { label: yLabel }, shaded: infusionShade(durationMin), referenceLines: [{ axis: 'y', value: 0 }], series };
}

function windowsByTime(trace: SessionQcTrace, values: Float64Array): boolean {
  return trace.windowCentresMin !== undefined && trace.windowCentresMin.length === values.length;
}

function windowPanel(trace: SessionQcTrace, values: Float64Array, title: string, yLabel: string, durationMin: number): PanelSpec {
  const byTime = windowsByTime(trace, values);
  const x = byTime ? trace.windowCentresMin! : Float64Array.from(values, (_, i) => i + 1);
  return {
    title,
    x: byTime ? TIME_AXIS : { label: 'Window (index)' },
    y: { label: yLabel, includeZero: true },
    shaded: byTime ? infusionShade(durationMin) : [],
    series: [{ label: 'Window average', x, y: values, colour: NEUTRAL.data, line: { widthPx: 1.2 }, marker: { shape: 'circle', sizePx: 5 } }],
  };
}

/** Frequency and phase corrections per transient (rejections marked), and SNR and linewidth per window. */
export function qcTraceFigure(trace: SessionQcTrace, options: QcTraceOptions = {}): string {
  const durationMin = options.infusionDurationMin ?? 0;
  const panels: PanelSpec[] = [
    transientPanel(trace, trace.frequencyHz, 'Frequency drift', 'Frequency shift (Hz)', durationMin),
    transientPanel(trace, trace.phaseDeg, 'Phase drift', 'Zero-order phase (deg)', durationMin),
  ];
  if (trace.windowSnr) panels.push(windowPanel(trace, trace.windowSnr, 'SNR per window', 'SNR (NAA height / noise SD)', durationMin));
  if (trace.windowFwhmHz) panels.push(windowPanel(trace, trace.windowFwhmHz, 'Linewidth per window', 'FWHM (Hz)', durationMin));
  const rejectedCount = trace.rejected.reduce((n, r) => n + (r ? 1 : 0), 0);
  const windowSeries = [trace.windowSnr, trace.windowFwhmHz].filter((v): v is Float64Array => v !== undefined);
  return renderFigure({
    // Every panel on one time axis, so a drift and a linewidth change line up vertically.
    sharedX: windowSeries.every((values) => windowsByTime(trace, values)),
    title: options.title ?? 'Quality control',
    subtitle: `${trace.timesMin.length} transients, ${rejectedCount} rejected`,
    panels,
    columns: 2,
    panelHeightPx: 250,
  });
}
