/**
 * Bad-transient rejection: a transient whose spectrum (in the aligned band) lies unusually far from the
 * median spectrum, by more than N robust SDs (1.4826·MAD) of all the distances, is dropped with a reason.
 * Pass the transients after frequency/phase alignment, so drift is not mistaken for corruption.
 */
import { fidToSpectrum } from '../dsp/fft.js';
import { ppmRangeToIndices, type SpectralGrid } from '../dsp/ppm.js';
import type { ProcessingStep } from '../types/mrsData.js';
import { DataError } from '../util/errors.js';
import { DEFAULT_PPM_RANGE } from './registerToReference.js';
import { elementwiseMedian, median, robustSd } from './robustStats.js';
import { splitTransients, type TransientSet } from './transients.js';

/** Robust SDs above the median distance beyond which a transient is rejected. */
export const DEFAULT_REJECTION_LIMIT_SD = 3;

export interface RejectionOptions {
  ppmRange?: [number, number];
  /** Robust SDs above the median distance beyond which a transient is rejected (default DEFAULT_REJECTION_LIMIT_SD). */
  thresholdSd?: number;
  /** Transients whose alignment failed (e.g. `AlignmentResult.atSearchEdge`), rejected outright. */
  alignmentFailures?: readonly number[];
}

export interface RejectedTransient {
  index: number;
  reason: string;
}

export interface RejectionResult {
  /** Indices of the transients kept, ascending. */
  keep: number[];
  rejected: RejectedTransient[];
  /** Distance of each transient's band spectrum from the median spectrum (root sum of squares). */
  distance: Float64Array;
  /** (distance − median distance) / robust SD, per transient. */
  robustZ: Float64Array;
  step: ProcessingStep;
}

export function rejectBadTransients(fids: TransientSet, grid: SpectralGrid, options: RejectionOptions = {}): RejectionResult {
  const transients = splitTransients(fids, grid.points);
  if (transients.length < 3) throw new DataError(`bad-transient rejection needs at least 3 transients, got ${transients.length}`);
  const [lowPpm, highPpm] = options.ppmRange ?? DEFAULT_PPM_RANGE;
  const thresholdSd = options.thresholdSd ?? DEFAULT_REJECTION_LIMIT_SD;
  const [first, last] = ppmRangeToIndices(lowPpm, highPpm, grid);
  const bands = transients.map((fid) => fidToSpectrum(fid).slice(2 * first, 2 * (last + 1)));
  const medianBand = elementwiseMedian(bands);

  const distance = Float64Array.from(bands, (band) => {
    let sum = 0;
    for (let i = 0; i < band.length; i++) sum += (band[i] - medianBand[i]) ** 2;
    return Math.sqrt(sum);
  });
  const centre = median(distance);
  const spread = robustSd(distance, centre);
  const robustZ = Float64Array.from(distance, (d) => (spread > 0 ? (d - centre) / spread : 0));

  const failures = new Set(options.alignmentFailures ?? []);
  const rejected: RejectedTransient[] = [];
  const keep: number[] = [];
  transients.forEach((_, i) => {
    if (failures.has(i)) {
      rejected.push({ index: i, reason: `transient ${i}: frequency alignment failed (shift outside the search range)` });
    } else if (robustZ[i] > thresholdSd) {
      rejected.push({
        index: i,
        reason:
          `transient ${i}: spectrum in ${lowPpm}–${highPpm} ppm is ${robustZ[i].toFixed(1)} robust SD ` +
          `from the median (limit ${thresholdSd})`,
      });
    } else {
      keep.push(i);
    }
  });
  if (keep.length === 0) {
    const failed = rejected.filter((r) => failures.has(r.index)).length;
    throw new DataError(failed === transients.length
      ? 'frequency alignment failed for every transient (shift outside the search range): is this water-suppressed 1H data?'
      : `every transient was rejected (${failed} failed alignments, ${transients.length - failed} outliers)`);
  }
  return {
    keep,
    rejected,
    distance,
    robustZ,
    step: {
      method: 'Outlier removal',
      details:
        `distance from the median spectrum in ${lowPpm}–${highPpm} ppm above ${thresholdSd} robust SD (MAD); ` +
        `rejected ${rejected.length} of ${transients.length}` +
        (rejected.length ? `: ${rejected.map((r) => r.index).join(', ')}` : ''),
      program: 'glutrace',
    },
  };
}
