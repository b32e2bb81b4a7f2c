/** Zero-filling and apodisation, with provenance. */
import { apodizeExponentialInPlace, nextPowerOfTwo, zeroFill } from '../dsp/fidOps.js';
import type { SpectralGrid } from '../dsp/ppm.js';
import { fidAt, fidCount, type MrsData, type ProcessingStep } from '../types/mrsData.js';
import { DataError } from '../util/errors.js';

export interface FilteredFid {
  fid: Float64Array;
  step: ProcessingStep;
}

/** Zero-fill to `points` (at least the current length). */
export function zeroFillWithStep(fid: Float64Array, points: number): FilteredFid {
  if (points < fid.length / 2) throw new DataError(`cannot zero-fill ${fid.length / 2} points down to ${points}`);
  return {
    fid: zeroFill(fid, points),
    step: { method: 'Zero-filling', details: `${fid.length / 2} → ${points} points`, program: 'glutrace' },
  };
}

/**
 * Every FID of `mrs` zero-filled to the next power of two (FFT lengths; FSL-MRS writes 4095-point data), the
 * step recorded in its provenance; `mrs` itself when its length already is one.
 */
export function zeroFillToPowerOfTwo(mrs: MrsData): MrsData {
  const points = nextPowerOfTwo(mrs.points);
  if (points === mrs.points) return mrs;
  const count = fidCount(mrs);
  const data = new Float64Array(count * 2 * points);
  for (let i = 0; i < count; i++) data.set(fidAt(mrs, i), i * 2 * points);
  const step: ProcessingStep = { method: 'Zero-filling', details: `${mrs.points} → ${points} points (FFT length)`, program: 'glutrace' };
  return { ...mrs, data, points, provenance: { ...mrs.provenance, processingApplied: [...mrs.provenance.processingApplied, step] } };
}

export type ApodizationKind = 'exponential' | 'gaussian';

/** Exponential (Lorentzian) or Gaussian line broadening by `broadeningHz` (FWHM added). */
export function apodize(fid: Float64Array, grid: SpectralGrid, kind: ApodizationKind, broadeningHz: number): FilteredFid {
  if (!(broadeningHz >= 0)) throw new DataError(`apodisation broadening must be ≥ 0 Hz, got ${broadeningHz}`);
  const out = Float64Array.from(fid);
  if (kind === 'exponential') {
    apodizeExponentialInPlace(out, grid.dwellTimeS, broadeningHz);
  } else {
    // exp(−(π·b·t)²/(4 ln 2)) has a Gaussian spectrum of FWHM b
    const k = (Math.PI * broadeningHz) ** 2 / (4 * Math.LN2);
    for (let n = 0; n < out.length / 2; n++) {
      const t = n * grid.dwellTimeS;
      const w = Math.exp(-k * t * t);
      out[2 * n] *= w;
      out[2 * n + 1] *= w;
    }
  }
  return {
    fid: out,
    step: { method: 'Apodization', details: `${kind}, ${broadeningHz} Hz`, program: 'glutrace' },
  };
}
