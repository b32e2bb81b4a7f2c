import { fidToSpectrum } from '../dsp/fft.js';
import { nextPowerOfTwo, zeroFill } from '../dsp/fidOps.js';
import { PPM_CENTRE_1H, ppmRangeToIndices } from '../dsp/ppm.js';
import type { FitQc } from '../types/fit.js';
import type { FitComponents } from './fitComponents.js';
import type { FitGrid } from './fitOptions.js';
import type { LineshapeProblem } from './lineshapeProblem.js';
import { fillModulation } from './modulation.js';
import type { SpectralWindow } from './spectralWindow.js';

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


/** Singlets SNR and FWHM may be measured on, in order of preference; parts as bases spell them. */
const QC_SINGLETS: { peak: 'NAA' | 'tCr' | 'tCho'; parts: string[]; ppm: [number, number] }[] = [
  { peak: 'NAA', parts: ['NAA'], ppm: [1.9, 2.2] },
  { peak: 'tCr', parts: ['Cr', 'PCr'], ppm: [2.9, 3.1] },
  { peak: 'tCho', parts: ['GPC', 'PCh', 'PCho', 'Cho'], ppm: [3.1, 3.3] },
];

/** What `singletQc` reads from a finished fit. */
export interface FittedModel {
  problem: LineshapeProblem;
  components: FitComponents;
  /** Component FIDs on the band window, in `components` order. */
  windowFids: Float64Array[];
  window: SpectralWindow;
  params: Float64Array;
  grid: FitGrid;
  noiseSd: number;
  /** The fitted ppm range (where the last-resort 'model' line is looked for). */
  ppmRange: [number, number];
}

/**
 * SNR (peak height over noise SD) and FWHM of the tallest singlet of the fitted model: NAA, else tCr (Cr +
 * PCr), else tCho, whichever is first fitted above zero; when none is (a phantom, a wrong basis), the tallest
 * line of the fitted metabolites anywhere in the fitted range ('model'). The parts' fitted lines (each with
 * its group's lineshape) are summed on the band window, zero-filled 2× for a finer half-maximum search.
 * NaN (with `qcPeak` null) only when every component was fitted at zero.
 */
export function singletQc(model: FittedModel): Pick<FitQc, 'snr' | 'fwhmHz' | 'qcPeak'> {
  const { problem, components } = model;
  const fitted = (j: number): boolean => j >= 0 && problem.amplitudes[j] > 0;
  for (const singlet of QC_SINGLETS) {
    const parts = singlet.parts.map((name) => components.names.indexOf(name)).filter(fitted);
    if (parts.length > 0) return { ...lineQc(model, parts, singlet.ppm), qcPeak: singlet.peak };
  }
  const all = components.names.map((_, j) => j).filter(fitted);
  const metabolites = all.filter((j) => components.groupNames[components.groupOf[j]] === 'metabolites');
  const parts = metabolites.length > 0 ? metabolites : all;
  if (parts.length > 0) return { ...lineQc(model, parts, model.ppmRange), qcPeak: 'model' };
  return { snr: NaN, fwhmHz: NaN, qcPeak: null };
}

/** Height over noise SD and FWHM of the tallest line in `ppm` of the summed fitted components `parts`. */
function lineQc(model: FittedModel, parts: number[], ppm: [number, number]): { snr: number; fwhmHz: number } {
  const { problem, components, windowFids, window, params, grid, noiseSd } = model;
  const spectrum = new Float64Array(4 * window.points);
  for (const j of parts) {
    const group = components.groupOf[j];
    const line = lineshapedSpectrum(
      windowFids[j],
      window.dwellTimeS,
      params[problem.shiftIndex(group)],
      params[problem.lorentzianIndex(group)],
      params[problem.gaussianIndex(group)],
      2 * window.points,
    );
    for (let i = 0; i < spectrum.length; i++) spectrum[i] += problem.amplitudes[j] * line[i];
  }
  const fullBinHz = 1 / (grid.points * grid.dwellTimeS);
  const axis = {
    binHz: fullBinHz / 2,
    centreHz: (window.firstBin + window.points / 2 - grid.points / 2) * fullBinHz,
    spectrometerFrequencyMHz: grid.spectrometerFrequencyMHz,
  };
  const { height, fwhmHz } = absorptionLineMetrics(spectrum, axis, ppm[0], ppm[1]);
  return { snr: height / noiseSd, fwhmHz };
}

/** Water band and metabolite band (NAA to Cho) compared by `waterDominance`, ppm. */
const WATER_BAND_PPM: [number, number] = [4.4, 4.9];
const METABOLITE_BAND_PPM: [number, number] = [1.8, 3.4];
/** Half-width of the neighbourhood a metabolite line must stand out from, ppm (wider than a singlet). */
const PROMINENCE_HALF_WIDTH_PPM = 0.15;

/**
 * Tallest magnitude in the water band over the tallest metabolite line, of a spectrum before residual-water
 * removal (which can take most of an unsuppressed water line away too). A metabolite line counts by its
 * prominence (its magnitude minus the lowest magnitude within ±0.15 ppm), so the smooth magnitude tail of a
 * strong water line, which reaches into the metabolite band, does not count as one. Measured on the shared
 * data: 0.2–62 for water-suppressed spectra (in vivo and phantoms, 1.5–7 T), 180–420 for water references.
 */
export function waterDominance(fid: Float64Array, grid: Pick<FitGrid, 'points' | 'dwellTimeS' | 'spectrometerFrequencyMHz'>): number {
  const points = nextPowerOfTwo(grid.points);
  const spectrum = fidToSpectrum(points === grid.points ? fid : zeroFill(fid, points));
  const axis = { ...grid, points };
  const magnitude = Float64Array.from({ length: points }, (_, k) => Math.hypot(spectrum[2 * k], spectrum[2 * k + 1]));
  const [waterFirst, waterLast] = ppmRangeToIndices(WATER_BAND_PPM[0], WATER_BAND_PPM[1], axis);
  let water = 0;
  for (let k = waterFirst; k <= waterLast; k++) water = Math.max(water, magnitude[k]);
  const [first, last] = ppmRangeToIndices(METABOLITE_BAND_PPM[0], METABOLITE_BAND_PPM[1], axis);
  const halfWidth = Math.max(1, Math.round(PROMINENCE_HALF_WIDTH_PPM * grid.spectrometerFrequencyMHz * points * grid.dwellTimeS));
  let prominence = 0;
  for (let k = first; k <= last; k++) {
    let lowest = magnitude[k];
    for (let j = Math.max(0, k - halfWidth); j <= Math.min(points - 1, k + halfWidth); j++) lowest = Math.min(lowest, magnitude[j]);
    prominence = Math.max(prominence, magnitude[k] - lowest);
  }
  return water / prominence;
}

/** Residual RMS over noise SD above which the model is reported as not following the data. */
export const MAX_RESIDUAL_TO_NOISE = 2;
/** `waterDominance` above which the spectrum is reported as an unsuppressed water scan (see there). */
export const MAX_WATER_DOMINANCE = 120;
const MAIN_SINGLETS = ['NAA', 'tCr', 'tCho'];

/**
 * Reasons to distrust a fit, each one plain sentence; empty when none applies. `waterDominance` (of the
 * spectrum before residual-water removal) is checked only when given.
 */
export function fitWarnings(facts: { residualToNoise: number; amplitudes: Record<string, number>; waterDominance?: number }): string[] {
  const warnings: string[] = [];
  if (facts.waterDominance !== undefined && facts.waterDominance > MAX_WATER_DOMINANCE) {
    warnings.push(
      `looks like an unsuppressed water scan: the water peak (${WATER_BAND_PPM.join('–')} ppm) is ` +
        `${facts.waterDominance.toFixed(0)}× the tallest metabolite peak (${METABOLITE_BAND_PPM.join('–')} ppm)`,
    );
  }
  if (facts.residualToNoise > MAX_RESIDUAL_TO_NOISE) {
    warnings.push(`model does not follow the data: residual RMS is ${facts.residualToNoise.toFixed(1)}× the noise SD (limit ${MAX_RESIDUAL_TO_NOISE})`);
  }
  const zero = MAIN_SINGLETS.filter((name) => name in facts.amplitudes && !(facts.amplitudes[name] > 0));
  if (zero.length > 0) warnings.push(`${zero.join(', ')} fitted at 0 (wrong basis or ppm referencing, or not a brain spectrum)`);
  return warnings;
}
