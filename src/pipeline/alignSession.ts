import type { SpectralGrid } from '../dsp/ppm.js';
import type { WaterRemovalOptions } from '../preprocess/hlsvd.js';
import { WATER_PPM_RANGE } from '../preprocess/qc.js';
import { alignmentStep, buildAlignedReference, buildReference } from '../preprocess/spectralRegistration.js';
import type { ProcessingStep } from '../types/mrsData.js';
import type { RegistrationReference } from '../preprocess/registerToReference.js';
import type { AlignResult, AlignTask } from '../../workers/alignTransients.js';
import { chunkRanges, chunkSizeFor } from './chunks.js';
import { workerScript, type WorkerPool } from './workerPool.js';

export interface SessionAlignment {
  frequencyHz: Float64Array;
  phaseDeg: Float64Array;
  /** Indices whose coarse search hit its edge (alignment failed). */
  atSearchEdge: number[];
  /** Corrected transients, n·2·points. */
  aligned: Float64Array;
  /** What was applied to every transient, for provenance. */
  steps: ProcessingStep[];
}

async function registerAll(
  pool: WorkerPool,
  transients: Float64Array,
  reference: RegistrationReference,
  grid: SpectralGrid,
  waterRemoval: WaterRemovalOptions | null,
  jobs: number,
): Promise<SessionAlignment> {
  const length = 2 * grid.points;
  const count = transients.length / length;
  const ranges = chunkRanges(count, chunkSizeFor(count, jobs));
  const parts = await Promise.all(ranges.map(([start, end]) =>
    pool.run<AlignResult>(workerScript('alignTransients'), () => {
      const fids = transients.slice(start * length, end * length);
      const task: AlignTask = { fids, reference, grid, options: {}, waterRemoval };
      return { task, transferList: [fids.buffer] };
    })));
  const result: SessionAlignment = {
    frequencyHz: new Float64Array(count),
    phaseDeg: new Float64Array(count),
    atSearchEdge: [],
    aligned: new Float64Array(transients.length),
    steps: [],
  };
  ranges.forEach(([start], p) => {
    result.frequencyHz.set(parts[p].frequencyHz, start);
    result.phaseDeg.set(parts[p].phaseDeg, start);
    result.aligned.set(parts[p].aligned, start * length);
    parts[p].atSearchEdge.forEach((edge, i) => edge && result.atSearchEdge.push(start + i));
  });
  return result;
}

/**
 * Per-transient HLSVD: residual water varies from transient to transient (amplitude and phase), so it is removed
 * from each one; a short Hankel matrix and few components suffice for the one water line and keep it ~2 ms.
 */
const PER_TRANSIENT_WATER_REMOVAL: WaterRemovalOptions = { fitPoints: 256, components: 10 };

/**
 * Two-pass spectral registration in the worker pool: first to the median of the opening block of transients,
 * then every original transient again to the average of the first-pass-aligned ones (a far higher-SNR
 * reference), removing residual water from each corrected transient when asked.
 */
export async function alignSession(pool: WorkerPool, transients: Float64Array, grid: SpectralGrid, removeWater: boolean, jobs: number): Promise<SessionAlignment> {
  const first = await registerAll(pool, transients, buildReference(transients, grid), grid, null, jobs);
  const refined = buildAlignedReference(transients, first.frequencyHz, first.phaseDeg, grid);
  const second = await registerAll(pool, transients, refined, grid, removeWater ? PER_TRANSIENT_WATER_REMOVAL : null, jobs);
  second.steps.push(alignmentStep(second.frequencyHz, {}, 2));
  if (removeWater) second.steps.push(waterRemovalStep(PER_TRANSIENT_WATER_REMOVAL));
  return second;
}

function waterRemovalStep(options: WaterRemovalOptions): ProcessingStep {
  const [low, high] = options.ppmRange ?? WATER_PPM_RANGE;
  return {
    method: 'Nuisance peak removal',
    details: `HLSVD of each transient (${options.components} components from the first ${options.fitPoints} points); those in ${low}–${high} ppm removed`,
    program: 'glutrace',
  };
}
