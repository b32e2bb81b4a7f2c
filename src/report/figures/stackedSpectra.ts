import { renderFigure } from '../svg/figure.js';
import { sequentialColour } from '../svg/palette.js';
import type { Series, TextLabel } from '../svg/types.js';
import { PPM_AXIS_LABEL, ppmWindow } from './spectrumFit.js';

/** One spectrum of a series over time, e.g. a window average labelled by its centre time. */
export interface StackedSpectrum {
  label: string;
  ppm: ArrayLike<number>;
  /** Real part of the phased spectrum, on the same ppm axis. */
  real: ArrayLike<number>;
}

export interface StackedSpectraOptions {
  title?: string;
  ppmRange?: [number, number];
  /** Vertical step between spectra as a fraction of the tallest spectrum's span. */
  offsetFraction?: number;
}

function span(spectrum: StackedSpectrum, [lo, hi]: [number, number]): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < spectrum.ppm.length; i++) {
    if (spectrum.ppm[i] < lo || spectrum.ppm[i] > hi || !Number.isFinite(spectrum.real[i])) continue;
    min = Math.min(min, spectrum.real[i]);
    max = Math.max(max, spectrum.real[i]);
  }
  return min <= max ? [min, max] : [0, 0];
}

/** Spectra offset upwards in order (first at the bottom), coloured from dark to light along a sequential ramp. */
export function stackedSpectraFigure(spectra: readonly StackedSpectrum[], options: StackedSpectraOptions = {}): string {
  const range = ppmWindow(spectra[0]?.ppm ?? [0, 1], options.ppmRange);
  const spans = spectra.map((s) => span(s, range));
  const tallest = Math.max(1e-12, ...spans.map(([lo, hi]) => hi - lo));
  const step = tallest * (options.offsetFraction ?? 0.35);
  const series: Series[] = [];
  const labels: TextLabel[] = [];
  spectra.forEach((spectrum, i) => {
    const colour = sequentialColour(spectra.length > 1 ? i / (spectra.length - 1) : 0);
    const offset = i * step;
    series.push({ x: spectrum.ppm, y: Array.from(spectrum.real, (v) => v + offset), colour, line: { widthPx: 1 } });
    labels.push({ x: range[0], y: offset, text: spectrum.label, colour, anchor: 'end', dxPx: -4, dyPx: -12 });
  });
  return renderFigure({
    title: options.title ?? 'Spectra over time',
    subtitle: 'Earliest at the bottom; offset vertically for visibility',
    panels: [{
      x: { label: PPM_AXIS_LABEL, reversed: true, min: range[0], max: range[1] },
      y: { label: 'Signal (a.u., offset)', hideTickLabels: true },
      series,
      labels,
    }],
    legend: [],
    panelWidthPx: 720,
    panelHeightPx: Math.max(360, 120 + spectra.length * 24),
  });
}
