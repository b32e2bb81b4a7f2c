/**
 * Quality measures of one spectrum (a transient, a window average or a session average) and of the
 * frequency trace: SNR (NAA peak / noise SD), FWHM (Hz) of a singlet, residual water, drift range.
 */
import { fidToSpectrum } from '../dsp/fft.js';
import { detrendedSumSquares } from '../dsp/detrend.js';
import { zeroFill } from '../dsp/fidOps.js';
import { hzToPpm, indexToHz, ppmRangeToIndices, type SpectralGrid } from '../dsp/ppm.js';
import { DataError } from '../util/errors.js';
import { findPhasedPeak } from './peakSearch.js';
import { PEAK_HALF_WIDTH_HZ, pointsForHz } from './ppmReferencing.js';

export const NAA_PPM_RANGE: [number, number] = [1.9, 2.1];
export const WATER_PPM_RANGE: [number, number] = [4.5, 4.9];
/** Upfield of every 1H metabolite and lipid: only noise there. */
export const DEFAULT_NOISE_PPM_RANGE: [number, number] = [-3, -1];

export interface SnrOptions {
  signalPpm?: [number, number];
  noisePpm?: [number, number];
}

export interface SnrResult {
  snr: number;
  peakHeight: number;
  noiseSd: number;
  peakPpm: number;
}

/** Peak height (magnitude, i.e. the real height once phased) over the SD of the real noise after a linear detrend. */
export function measureSnr(fid: Float64Array, grid: SpectralGrid, options: SnrOptions = {}): SnrResult {
  const spectrum = fidToSpectrum(fid);
  const peak = largestPeak(spectrum, grid, options.signalPpm ?? NAA_PPM_RANGE);
  const noiseSd = spectralNoiseSd(spectrum, grid, options.noisePpm ?? DEFAULT_NOISE_PPM_RANGE);
  return { snr: peak.height / noiseSd, peakHeight: peak.height, noiseSd, peakPpm: peak.ppm };
}

/** SD of the real part of a spectrum over a signal-free ppm window, after removing a straight line. */
export function spectralNoiseSd(spectrum: Float64Array, grid: SpectralGrid, noisePpm: [number, number]): number {
  const [first, last] = usableRange(grid, noisePpm, 'noise');
  const { residualSumSquares, n } = detrendedSumSquares(spectrum, first, last, 0);
  return Math.sqrt(residualSumSquares / (n - 2));
}

export interface LinewidthOptions {
  ppmRange?: [number, number];
  /** Zero-fill to at least this many points before measuring, for sub-point resolution (default 8·points, ≥ 16384). */
  zeroFillPoints?: number;
}

/**
 * FWHM (Hz) of the largest peak in the range, measured on the real part after zero-order phasing the
 * peak to be absorptive (a Lorentzian's absorption FWHM is its linewidth), with linear interpolation
 * between zero-filled points.
 */
export function measureLinewidthHz(
  fid: Float64Array,
  grid: SpectralGrid,
  options: LinewidthOptions = {},
): { fwhmHz: number; peakPpm: number } {
  let size = 16384;
  while (size < (options.zeroFillPoints ?? 8 * grid.points)) size *= 2;
  const fineGrid = { ...grid, points: size };
  const spectrum = fidToSpectrum(zeroFill(fid, size));
  const [first, last] = usableRange(fineGrid, options.ppmRange ?? NAA_PPM_RANGE, 'signal');
  const peak = findPhasedPeak(spectrum, first, last, pointsForHz(PEAK_HALF_WIDTH_HZ, fineGrid));
  const c = Math.cos(peak.phaseRad);
  const s = Math.sin(peak.phaseRad);
  const realAt = (k: number): number => spectrum[2 * k] * c + spectrum[2 * k + 1] * s;
  const half = peak.height / 2;
  const crossing = (direction: 1 | -1): number => {
    for (let k = peak.index; k + direction >= 0 && k + direction < size; k += direction) {
      const next = realAt(k + direction);
      if (next <= half) return k + (direction * (realAt(k) - half)) / (realAt(k) - next);
    }
    throw new DataError('linewidth: the peak never falls to half height');
  };
  const hzPerPoint = 1 / (grid.dwellTimeS * size);
  return { fwhmHz: (crossing(1) - crossing(-1)) * hzPerPoint, peakPpm: hzToPpm(indexToHz(peak.position, fineGrid), grid) };
}

/** Largest magnitude in the water window relative to the NAA peak height (0 when water is fully removed). */
export function measureResidualWater(
  fid: Float64Array,
  grid: SpectralGrid,
  options: { waterPpm?: [number, number]; naaPpm?: [number, number] } = {},
): number {
  const spectrum = fidToSpectrum(fid);
  const water = largestPeak(spectrum, grid, options.waterPpm ?? WATER_PPM_RANGE);
  const naa = largestPeak(spectrum, grid, options.naaPpm ?? NAA_PPM_RANGE);
  return water.height / naa.height;
}

/** Spread (max − min) of a per-transient frequency trace, Hz. */
export function frequencyDriftRange(frequencyHz: ArrayLike<number>): { rangeHz: number; minHz: number; maxHz: number } {
  if (frequencyHz.length === 0) throw new DataError('frequency drift range of an empty trace');
  let minHz = Infinity;
  let maxHz = -Infinity;
  for (let i = 0; i < frequencyHz.length; i++) {
    minHz = Math.min(minHz, frequencyHz[i]);
    maxHz = Math.max(maxHz, frequencyHz[i]);
  }
  return { rangeHz: maxHz - minHz, minHz, maxHz };
}

export interface SpectrumQc {
  snr: number;
  fwhmHz: number;
  residualWater: number;
  /** Present when a frequency trace was given. */
  driftRangeHz?: number;
}

/** All QC numbers for one spectrum (and its transients' frequency trace when given). */
export function spectrumQc(fid: Float64Array, grid: SpectralGrid, frequencyHz?: ArrayLike<number>): SpectrumQc {
  const qc: SpectrumQc = {
    snr: measureSnr(fid, grid).snr,
    fwhmHz: measureLinewidthHz(fid, grid).fwhmHz,
    residualWater: measureResidualWater(fid, grid),
  };
  if (frequencyHz && frequencyHz.length > 0) qc.driftRangeHz = frequencyDriftRange(frequencyHz).rangeHz;
  return qc;
}

interface Peak {
  index: number;
  height: number;
  ppm: number;
}

function largestPeak(spectrum: Float64Array, grid: SpectralGrid, ppmRange: [number, number]): Peak {
  const [first, last] = usableRange(grid, ppmRange, 'signal');
  let index = first;
  let height = -1;
  for (let k = first; k <= last; k++) {
    const m = Math.hypot(spectrum[2 * k], spectrum[2 * k + 1]);
    if (m > height) {
      height = m;
      index = k;
    }
  }
  return {
    index,
    height,
    ppm: hzToPpm(indexToHz(index, grid), grid),
  };
}

function usableRange(grid: SpectralGrid, ppmRange: [number, number], what: string): [number, number] {
  const [first, last] = ppmRangeToIndices(ppmRange[0], ppmRange[1], grid);
  if (last - first < 2) {
    throw new DataError(`${what} window ${ppmRange[0]}–${ppmRange[1]} ppm lies outside the spectral width`);
  }
  return [first, last];
}
