import { fidToSpectrum } from '../dsp/fft.js';
import { PPM_CENTRE_1H } from '../dsp/ppm.js';
import { fillModulation } from './modulation.js';

/** Where an fftshifted (possibly band-limited, zero-filled) spectrum lies on the frequency axis. */
export interface SpectrumAxis {
  binHz: number;
  /** Frequency of the middle bin (index points/2), Hz from the 4.65 ppm reference. */
  centreHz: number;
  spectrometerFrequencyMHz: number;
}

export interface LineMetrics {
  /** Peak height of the absorption-mode line. */
  height: number;
  /** Full width at half maximum, Hz (half-maximum crossings interpolated linearly); NaN without a peak. */
  fwhmHz: number;
}

/**
 * Height and FWHM of the tallest line within [lowPpm, highPpm], in absorption mode: the spectrum is first
 * rotated so the tallest magnitude there is real and positive (a basis line may carry its own phase).
 */
export function absorptionLineMetrics(spectrum: Float64Array, axis: SpectrumAxis, lowPpm: number, highPpm: number): LineMetrics {
  const points = spectrum.length / 2;
  const toIndex = (ppm: number): number =>
    ((ppm - PPM_CENTRE_1H) * axis.spectrometerFrequencyMHz - axis.centreHz) / axis.binHz + points / 2;
  const a = Math.max(1, Math.ceil(toIndex(lowPpm)));
  const b = Math.min(points - 2, Math.floor(toIndex(highPpm)));
  let top = -1;
  let topMagnitude = 0;
  for (let k = a; k <= b; k++) {
    const magnitude = spectrum[2 * k] ** 2 + spectrum[2 * k + 1] ** 2;
    if (magnitude > topMagnitude) {
      topMagnitude = magnitude;
      top = k;
    }
  }
  if (top < 0) return { height: 0, fwhmHz: NaN };
  const angle = Math.atan2(spectrum[2 * top + 1], spectrum[2 * top]);
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  const real = (k: number): number => spectrum[2 * k] * c + spectrum[2 * k + 1] * s;
  const height = real(top);
  const half = height / 2;
  let left = top;
  while (left > 0 && real(left) > half) left--;
  let right = top;
  while (right < points - 1 && real(right) > half) right++;
  const leftCross = left + (half - real(left)) / (real(left + 1) - real(left));
  const rightCross = right - (half - real(right)) / (real(right - 1) - real(right));
  return { height, fwhmHz: (rightCross - leftCross) * axis.binHz };
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

