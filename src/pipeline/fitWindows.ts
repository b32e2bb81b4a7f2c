import type { FitGrid, FitOptions } from '../fit/fitOptions.js';
import type { FitResult } from '../types/fit.js';
import type { FitTask } from '../../workers/fitSpectra.js';
import type { BasisSource } from './basisSource.js';
import { chunkRanges, chunkSizeFor } from './chunks.js';
import { workerScript, type WorkerPool } from './workerPool.js';

/** Fits every spectrum (k·2·points) in the pool, in order; a spectrum's fit does not depend on chunking. */
export async function fitSpectraInPool(
  pool: WorkerPool,
  spectra: Float64Array,
  grid: FitGrid,
  options: Omit<FitOptions, 'basis'>,
  basis: BasisSource | null,
  jobs: number,
): Promise<FitResult[]> {
  const length = 2 * grid.points;
  const count = spectra.length / length;
  const ranges = chunkRanges(count, chunkSizeFor(count, jobs, 2));
  const parts = await Promise.all(ranges.map(([start, end]) =>
    pool.run<FitResult[]>(workerScript('fitSpectra'), () => {
      const fids = spectra.slice(start * length, end * length);
      const task: FitTask = { fids, grid, options, basis };
      return { task, transferList: [fids.buffer] };
    })));
  return parts.flat();
}
