/**
 * Referencing the ppm axis: find a known singlet (NAA 2.01 ppm, else Cr 3.03 ppm) near where it should
 * be and shift the FID so it lands exactly there.
 */
import { fidToSpectrum } from '../dsp/fft.js';
import { shiftAndPhaseInPlace, zeroFill } from '../dsp/fidOps.js';
import { hzToPpm, indexToHz, ppmRangeToIndices, type SpectralGrid } from '../dsp/ppm.js';
import type { ProcessingStep } from '../types/mrsData.js';
import { findPhasedPeak } from './peakSearch.js';

export interface ReferencePeak {
  name: string;
  ppm: number;
}

export const NAA_REFERENCE: ReferencePeak = { name: 'NAA', ppm: 2.01 };
export const CR_REFERENCE: ReferencePeak = { name: 'Cr', ppm: 3.03 };

export interface PpmReferencingOptions {
  peak?: ReferencePeak;
  /** How far from its nominal position the peak is searched, ppm (default 0.15). */
  searchPpm?: number;
}

export interface PpmReferencingResult {
  fid: Float64Array;
  /** Shift applied, Hz (added to every frequency). */
  shiftHz: number;
  /** Where the peak was before the shift, ppm. */
  foundPpm: number;
  step: ProcessingStep;
}

/** Locate the peak (see `locatePeakPpm`) and shift the FID so it sits at its nominal ppm. */
export function referencePpm(fid: Float64Array, grid: SpectralGrid, options: PpmReferencingOptions = {}): PpmReferencingResult {
  const peak = options.peak ?? NAA_REFERENCE;
  const searchPpm = options.searchPpm ?? 0.15;
  const foundPpm = locatePeakPpm(fid, grid, peak.ppm - searchPpm, peak.ppm + searchPpm);
  const shiftHz = (peak.ppm - foundPpm) * grid.spectrometerFrequencyMHz;
  const out = Float64Array.from(fid);
  shiftAndPhaseInPlace(out, grid.dwellTimeS, shiftHz, 0);
  return {
    fid: out,
    shiftHz,
    foundPpm,
    step: {
      method: 'Frequency and phase correction',
      details: `ppm referencing: ${peak.name} found at ${foundPpm.toFixed(3)} ppm, shifted ${shiftHz.toFixed(2)} Hz to ${peak.ppm} ppm`,
      program: 'glutrace',
    },
  };
}

/** ppm of the largest peak in [lowPpm, highPpm] on a 4× zero-filled spectrum (see `findPhasedPeak`). */
export function locatePeakPpm(fid: Float64Array, grid: SpectralGrid, lowPpm: number, highPpm: number): number {
  const fineGrid = { ...grid, points: 4 * grid.points };
  const spectrum = fidToSpectrum(zeroFill(fid, fineGrid.points));
  const [first, last] = ppmRangeToIndices(lowPpm, highPpm, fineGrid);
  const peak = findPhasedPeak(spectrum, first, last, pointsForHz(PEAK_HALF_WIDTH_HZ, fineGrid));
  return hzToPpm(indexToHz(peak.position, fineGrid), fineGrid);
}

/** Half-width of the window that sets a peak's phase, Hz: about a typical in-vivo linewidth. */
export const PEAK_HALF_WIDTH_HZ = 4;

export function pointsForHz(hz: number, grid: SpectralGrid): number {
  return Math.max(1, Math.round(hz * grid.dwellTimeS * grid.points));
}
