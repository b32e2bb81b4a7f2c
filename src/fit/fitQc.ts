import { fidToSpectrum } from '../dsp/fft.js';
import { PPM_CENTRE_1H } from '../dsp/ppm.js';
import { fillModulation } from './modulation.js';

/**
 * Full width at half maximum (Hz) of the tallest real peak within [lowPpm, highPpm] of a full fftshifted
 * spectrum; half-maximum crossings are interpolated linearly. NaN when there is no positive peak.
 */
export function peakWidthHz(
  spectrum: Float64Array,
  dwellTimeS: number,
  spectrometerFrequencyMHz: number,
  lowPpm: number,
  highPpm: number,
): number {
  const points = spectrum.length / 2;
  const binHz = 1 / (dwellTimeS * points);
  const toIndex = (ppm: number): number => ((ppm - PPM_CENTRE_1H) * spectrometerFrequencyMHz) / binHz + points / 2;
  const a = Math.max(1, Math.ceil(toIndex(lowPpm)));
  const b = Math.min(points - 2, Math.floor(toIndex(highPpm)));
  let top = -1;
  for (let k = a; k <= b; k++) if (top < 0 || spectrum[2 * k] > spectrum[2 * top]) top = k;
  if (top < 0 || !(spectrum[2 * top] > 0)) return NaN;
  const half = spectrum[2 * top] / 2;
  let left = top;
  while (left > 0 && spectrum[2 * left] > half) left--;
  let right = top;
  while (right < points - 1 && spectrum[2 * right] > half) right++;
  const leftCross = left + (half - spectrum[2 * left]) / (spectrum[2 * left + 2] - spectrum[2 * left]);
  const rightCross = right - (half - spectrum[2 * right]) / (spectrum[2 * right - 2] - spectrum[2 * right]);
  return (rightCross - leftCross) * binHz;
}

/** Largest real value of a full spectrum within a ppm window. */
export function peakHeight(
  spectrum: Float64Array,
  dwellTimeS: number,
  spectrometerFrequencyMHz: number,
  lowPpm: number,
  highPpm: number,
): number {
  const points = spectrum.length / 2;
  const binHz = 1 / (dwellTimeS * points);
  const toIndex = (ppm: number): number => ((ppm - PPM_CENTRE_1H) * spectrometerFrequencyMHz) / binHz + points / 2;
  let top = 0;
  for (let k = Math.max(0, Math.ceil(toIndex(lowPpm))); k <= Math.min(points - 1, Math.floor(toIndex(highPpm))); k++) {
    top = Math.max(top, spectrum[2 * k]);
  }
  return top;
}

/**
 * Spectrum (fftshifted, zero-filled to `points`) of one FID with a fitted lineshape applied:
 * × exp((−π·lorentzianHz + i·2π·shiftHz)·t − gaussianRate·t²).
 */
export function lineshapedSpectrum(
  fid: Float64Array,
  dwellTimeS: number,
  shiftHz: number,
  lorentzianHz: number,
  gaussianRate: number,
  points: number,
): Float64Array {
  const out = new Float64Array(2 * points);
  const limit = Math.min(points, fid.length / 2);
  fillModulation(out, limit, dwellTimeS, shiftHz, lorentzianHz, gaussianRate);
  for (let n = 0; n < limit; n++) {
    const c = out[2 * n];
    const s = out[2 * n + 1];
    out[2 * n] = fid[2 * n] * c - fid[2 * n + 1] * s;
    out[2 * n + 1] = fid[2 * n] * s + fid[2 * n + 1] * c;
  }
  return fidToSpectrum(out);
}

/** Rotate a full spectrum in place so the tallest magnitude within [lowPpm, highPpm] is real and positive. */
export function rotateToAbsorption(
  spectrum: Float64Array,
  dwellTimeS: number,
  spectrometerFrequencyMHz: number,
  lowPpm: number,
  highPpm: number,
): void {
  const points = spectrum.length / 2;
  const binHz = 1 / (dwellTimeS * points);
  const toIndex = (ppm: number): number => ((ppm - PPM_CENTRE_1H) * spectrometerFrequencyMHz) / binHz + points / 2;
  let top = -1;
  let topMagnitude = 0;
  for (let k = Math.max(0, Math.ceil(toIndex(lowPpm))); k <= Math.min(points - 1, Math.floor(toIndex(highPpm))); k++) {
    const magnitude = spectrum[2 * k] ** 2 + spectrum[2 * k + 1] ** 2;
    if (magnitude > topMagnitude) {
      topMagnitude = magnitude;
      top = k;
    }
  }
  if (top < 0) return;
  const angle = -Math.atan2(spectrum[2 * top + 1], spectrum[2 * top]);
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  for (let k = 0; k < points; k++) {
    const re = spectrum[2 * k];
    const im = spectrum[2 * k + 1];
    spectrum[2 * k] = re * c - im * s;
    spectrum[2 * k + 1] = re * s + im * c;
  }
}
