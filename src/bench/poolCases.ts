import type { FitGrid, FitOptions } from '../fit/fitOptions.js';
import type { StudyManifest } from '../manifest/studyManifest.js';
import type { BasisSource } from '../pipeline/basisSource.js';
import { fitSpectraInPool } from '../pipeline/fitWindows.js';
import { processSession, type SessionJob } from '../pipeline/processSession.js';
import { runStudy } from '../pipeline/runStudy.js';
import { createWorkerPool, type WorkerPool } from '../pipeline/workerPool.js';
import { measurementOf, scalingEfficiency, type BenchmarkCase, type Measurement } from './benchmarkCase.js';
import { PeakMemorySampler } from './peakMemory.js';
import { repeatAsync, type RepeatOptions } from './repeatRuns.js';

/** Runs `run` at each worker count; `run` resolves to the number of spectra it fitted. */
async function acrossWorkerCounts(
  workerCounts: readonly number[],
  repeat: RepeatOptions,
  run: (workers: number) => Promise<number>,
): Promise<{ measurements: Measurement[]; fitsPerRun: number }> {
  const measurements: Measurement[] = [];
  let fitsPerRun = 0;
  for (const workers of workerCounts) {
    const memory = new PeakMemorySampler();
    const times = await repeatAsync(async () => {
      fitsPerRun = await run(workers);
    }, repeat, memory);
    measurements.push(measurementOf(workers, times, fitsPerRun, memory.stop()));
  }
  return { measurements, fitsPerRun };
}

/** Pool threads start once per worker count and are warmed by the untimed runs (each loads its basis once). */
async function withPool<T>(workers: number, pools: Map<number, WorkerPool>, use: (pool: WorkerPool) => Promise<T>): Promise<T> {
  let pool = pools.get(workers);
  if (!pool) {
    pool = createWorkerPool({ jobs: workers });
    pools.set(workers, pool);
  }
  return use(pool);
}

async function destroyAll(pools: Map<number, WorkerPool>): Promise<void> {
  await Promise.all([...pools.values()].map((pool) => pool.destroy()));
}

/** Fits a batch of spectra (e.g. a session's window averages) in the worker pool: pure fitting throughput. */
export async function benchmarkPoolFits(
  spectra: Float64Array,
  grid: FitGrid,
  model: FitOptions['model'],
  basis: BasisSource | null,
  workerCounts: readonly number[],
  repeat: RepeatOptions,
): Promise<BenchmarkCase> {
  const pools = new Map<number, WorkerPool>();
  try {
    const { measurements, fitsPerRun } = await acrossWorkerCounts(workerCounts, repeat, (workers) =>
      withPool(workers, pools, async (pool) => (await fitSpectraInPool(pool, spectra, grid, { model }, basis, true, workers)).length),
    );
    return {
      id: 'pool-fits',
      title: `${model === 'lcm' ? 'LCM' : 'Peak'} fits of a session's windows in the worker pool`,
      fitsPerRun,
      measurements,
      scalingEfficiency: scalingEfficiency(measurements),
      note: 'fitting only (window averages prepared beforehand); threads started and warmed before timing',
    };
  } finally {
    await destroyAll(pools);
  }
}

/** A single-visit manifest around one file, for running the real session pipeline on it. */
export interface SessionSetup {
  manifest: StudyManifest;
  job: SessionJob;
  basis: BasisSource | null;
}

/** One whole session through `processSession`: read → align → reject → windows → fits, in the pool. */
export async function benchmarkSession(setup: SessionSetup, workerCounts: readonly number[], repeat: RepeatOptions): Promise<BenchmarkCase> {
  const pools = new Map<number, WorkerPool>();
  try {
    const { measurements, fitsPerRun } = await acrossWorkerCounts(workerCounts, repeat, (workers) =>
      withPool(workers, pools, async (pool) => {
        const context = { manifest: setup.manifest, pool, jobs: workers, resolvePath: (path: string) => path, basisFor: () => setup.basis };
        const outcome = await processSession(setup.job, context);
        return outcome.windowFits.filter((fit) => fit !== null).length + 1;
      }),
    );
    const { windowTransients, stepTransients, model } = setup.manifest.analysis;
    return {
      id: 'session',
      title: 'Whole session (read → align → windows → fits)',
      fitsPerRun,
      measurements,
      scalingEfficiency: scalingEfficiency(measurements),
      note: `${model} model, windows of ${windowTransients} every ${stepTransients}; per fit = session time / fits; threads warmed before timing`,
    };
  } finally {
    await destroyAll(pools);
  }
}

/** A whole study through `runStudy`, as `glutrace run` does it (without writing outputs); cold pool every run. */
export async function benchmarkStudy(manifestPath: string, workerCounts: readonly number[], repeat: RepeatOptions): Promise<BenchmarkCase> {
  let sessions = 0;
  const { measurements, fitsPerRun } = await acrossWorkerCounts(workerCounts, repeat, async (workers) => {
    const run = await runStudy(manifestPath, { jobs: workers });
    if (run.failures.length > 0) throw new Error(`benchmark study: ${run.failures[0].subject}/${run.failures[0].visit}: ${run.failures[0].message}`);
    sessions = run.outcomes.length;
    return run.outcomes.reduce((sum, { outcome }) => sum + outcome.windowFits.filter((fit) => fit !== null).length + 1, 0);
  });
  return {
    id: 'study',
    title: `Whole study (${sessions} sessions, runStudy)`,
    fitsPerRun,
    measurements,
    scalingEfficiency: scalingEfficiency(measurements),
    note: 'includes worker start-up and per-thread basis simulation, as in `glutrace run`; outputs not written',
  };
}
