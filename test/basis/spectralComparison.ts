/** Correlating a simulated and a reference basis spectrum after matching linewidth and frequency reference. */
import { fidToSpectrum } from '../../src/dsp/fft.js';
import { apodizeExponentialInPlace, shiftAndPhaseInPlace } from '../../src/dsp/fidOps.js';
import { ppmRangeToIndices, type SpectralGrid } from '../../src/dsp/ppm.js';
import { readBasis } from '../../src/io/readBasis.js';
import type { Basis } from '../../src/types/basis.js';
import { pearson } from '../helpers/csv.js';

/** A published basis (via the project's reader) with each FID cut to its first `points` samples (undoing zero-fill). */
export interface ReferenceBasis {
  spectrometerFrequencyMHz: number;
  dwellTimeS: number;
  fids: Map<string, Float64Array>;
}

export function readReferenceBasis(path: string, points: number): ReferenceBasis {
  const basis: Basis = readBasis(path);
  return {
    spectrometerFrequencyMHz: basis.spectrometerFrequencyMHz,
    dwellTimeS: basis.dwellTimeS,
    fids: new Map(basis.names.map((name, i) => [name, basis.fids[i].slice(0, 2 * points)])),
  };
}

export interface ComparisonSettings {
  grid: SpectralGrid;
  lowPpm: number;
  highPpm: number;
  /** Lorentzian broadening (Hz) added to both spectra after matching, e.g. to reach an in-vivo linewidth. */
  commonBroadeningHz: number;
  /** Candidate extra broadenings of the simulated FID (Hz), to match the reference's linewidth. */
  broadeningsHz: number[];
  /** Candidate frequency offsets of the simulated FID (Hz), to match the reference's frequency referencing. */
  shiftsHz: number[];
  /** Candidate Gaussian FWHMs (Hz) on the simulated FID, for references with a Gaussian lineshape. Default [0]. */
  gaussianBroadeningsHz?: number[];
}

/** Settings comparing over 0.2–4.2 ppm (the default fit range) on the reference's grid, with the given search. */
export function fitRangeComparison(
  reference: ReferenceBasis,
  points: number,
  search: Pick<ComparisonSettings, 'commonBroadeningHz' | 'broadeningsHz' | 'shiftsHz' | 'gaussianBroadeningsHz'>,
): ComparisonSettings {
  return { grid: { points, dwellTimeS: reference.dwellTimeS, spectrometerFrequencyMHz: reference.spectrometerFrequencyMHz }, lowPpm: 0.2, highPpm: 4.2, ...search };
}

export function realSpectrumInRange(
  fid: Float64Array,
  broadeningHz: number,
  shiftHz: number,
  settings: ComparisonSettings,
  gaussianFwhmHz = 0,
): number[] {
  const copy = Float64Array.from(fid);
  if (shiftHz !== 0) shiftAndPhaseInPlace(copy, settings.grid.dwellTimeS, shiftHz, 0);
  apodizeExponentialInPlace(copy, settings.grid.dwellTimeS, broadeningHz);
  if (gaussianFwhmHz > 0) apodizeGaussianInPlace(copy, settings.grid.dwellTimeS, gaussianFwhmHz);
  const spectrum = fidToSpectrum(copy);
  const [first, last] = ppmRangeToIndices(settings.lowPpm, settings.highPpm, settings.grid);
  const out: number[] = [];
  for (let k = first; k <= last; k++) out.push(spectrum[2 * k]);
  return out;
}

/** Best Pearson r of the real spectra over the candidate broadenings and shifts of the simulated FID. */
export function matchedCorrelation(simulated: Float64Array, reference: Float64Array, settings: ComparisonSettings) {
  const referenceSpectrum = realSpectrumInRange(reference, settings.commonBroadeningHz, 0, settings);
  let best = { r: -Infinity, broadeningHz: 0, shiftHz: 0, gaussianHz: 0 };
  for (const gaussianHz of settings.gaussianBroadeningsHz ?? [0]) {
    for (const broadeningHz of settings.broadeningsHz) {
      for (const shiftHz of settings.shiftsHz) {
        const spectrum = realSpectrumInRange(simulated, broadeningHz + settings.commonBroadeningHz, shiftHz, settings, gaussianHz);
        const r = pearson(spectrum, referenceSpectrum);
        if (r > best.r) best = { r, broadeningHz, shiftHz, gaussianHz };
      }
    }
  }
  return best;
}

/** Multiply by a Gaussian whose spectral FWHM is `fwhmHz`: exp(−(π·fwhm·t)² / (4·ln 2)). */
function apodizeGaussianInPlace(fid: Float64Array, dwellTimeS: number, fwhmHz: number): void {
  const rate = (Math.PI * fwhmHz) ** 2 / (4 * Math.LN2);
  for (let k = 0; k < fid.length / 2; k++) {
    const t = k * dwellTimeS;
    const weight = Math.exp(-rate * t * t);
    fid[2 * k] *= weight;
    fid[2 * k + 1] *= weight;
  }
}

export function range(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let v = from; v <= to + 1e-9; v += step) out.push(+v.toFixed(6));
  return out;
}
