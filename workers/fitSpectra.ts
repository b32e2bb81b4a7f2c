import { fitSpectrum, type FitGrid, type FitOptions } from '../src/fit/fitSpectrum.js';
import { loadBasis, type BasisSource } from '../src/pipeline/basisSource.js';
import type { FitResult } from '../src/types/fit.js';

export interface FitTask {
  /** k averaged FIDs, k·2·points interleaved complex. */
  fids: Float64Array;
  grid: FitGrid;
  options: Omit<FitOptions, 'basis'>;
  basis: BasisSource | null;
}

/** Fits a chunk of spectra with one model; each fit depends only on its own spectrum. */
export default function fitSpectra(task: FitTask): FitResult[] {
  const basis = task.basis ? loadBasis(task.basis) : undefined;
  const length = 2 * task.grid.points;
  const results: FitResult[] = [];
  for (let offset = 0; offset < task.fids.length; offset += length) {
    results.push(fitSpectrum(task.fids.subarray(offset, offset + length), task.grid, { ...task.options, basis }));
  }
  return results;
}
