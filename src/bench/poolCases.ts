import type { FitGrid, FitOptions } from '../fit/fitOptions.js';
import type { StudyManifest } from '../manifest/studyManifest.js';
import type { BasisSource } from '../pipeline/basisSource.js';
import { fitSpectraInPool } from '../pipeline/fitWindows.js';
import { processSession, type SessionJob } from '../pipeline/processSession.js';
import { runStudy } from '../pipeline/runStudy.js';
import { createWorkerPool, type WorkerPool } from '../pipeline/workerPool.js';
import { measurementOf, scalingEfficiency, type BenchmarkCase, type Measurement } from './benchmarkCase.js';
import { PeakMemorySampler } from './peakMemory.js';
import type { RepeatOptions } from './repeatRuns.js';

/** How the pool cases fit spectra: as `processSession` fits its window averages. */
export interface PoolFitSettings {
  grid: FitGrid;
  model: FitOptions['model'];
  basis: BasisSource | null;
}

function fitInPool(pool: WorkerPool, spectra: Float64Array, settings: PoolFitSettings, workers: number): Promise<unknown[]> {
  return fitSpectraInPool(pool, spectra, settings.grid, { model: settings.model }, settings.basis, workers);
}

/** Worker pools keyed by thread count, started and warmed once and shared by the pool cases. */
export type PoolsByWorkers = ReadonlyMap<number, WorkerPool>;

/**
 * Runs `run` `repeat.repeats` times at each worker count, interleaving the counts (1, 2, 1, 2 …) so that load
 * from other processes on a shared machine falls on every count alike. `run` resolves to the spectra fitted.
 */
async function acrossWorkerCounts(
  workerCounts: Iterable<number>,
  repeat: RepeatOptions,
  run: (workers: number) => Promise<number>,
): Promise<{ measurements: Measurement[]; fitsPerRun: number }> {
  const counts = [...workerCounts];
  const times = new Map(counts.map((workers) => [workers, [] as number[]]));
  const peakRssMB = new Map(counts.map((workers) => [workers, 0]));
  let fitsPerRun = 0;
  for (let i = 0; i < repeat.warmup; i++) for (const workers of counts) await run(workers);
  for (let i = 0; i < repeat.repeats; i++) {
    for (const workers of counts) {
      const memory = new PeakMemorySampler();
      const started = performance.now();
      fitsPerRun = await run(workers);
      times.get(workers)!.push(performance.now() - started);
      peakRssMB.set(workers, Math.max(peakRssMB.get(workers)!, memory.stop()));
    }
  }
  const measurements = counts.map((workers) => measurementOf(workers, times.get(workers)!, fitsPerRun, peakRssMB.get(workers)!));
  return { measurements, fitsPerRun };
}

function poolFor(pools: PoolsByWorkers, workers: number): WorkerPool {
  const pool = pools.get(workers);
  if (!pool) throw new Error(`no pool with ${workers} workers`);
  return pool;
}

/**
 * Starts one pool per worker count and warms it: a few fits per thread, so every thread has loaded its
 * worker script and basis (and the JIT has seen the fit) before anything is timed.
 */
export async function startWarmPools(
  workerCounts: readonly number[],
  spectrum: Float64Array,
  settings: PoolFitSettings,
): Promise<Map<number, WorkerPool>> {
  const pools = new Map<number, WorkerPool>();
  for (const workers of workerCounts) {
    const pool = createWorkerPool({ jobs: workers });
    pools.set(workers, pool);
    const copies = new Float64Array(spectrum.length * 2 * workers);
    for (let i = 0; i < 2 * workers; i++) copies.set(spectrum, i * spectrum.length);
    await fitInPool(pool, copies, settings, workers);
  }
  return pools;
}

export async function destroyPools(pools: PoolsByWorkers): Promise<void> {
  await Promise.all([...pools.values()].map((pool) => pool.destroy()));
}

/** Fits a batch of spectra (e.g. a session's window averages) in the worker pool: pure fitting throughput. */
export async function benchmarkPoolFits(
  pools: PoolsByWorkers,
  spectra: Float64Array,
  settings: PoolFitSettings,
  repeat: RepeatOptions,
): Promise<BenchmarkCase> {
  const { measurements, fitsPerRun } = await acrossWorkerCounts(pools.keys(), repeat, async (workers) =>
    (await fitInPool(poolFor(pools, workers), spectra, settings, workers)).length,
  );
  return {
    id: 'pool-fits',
    title: `${settings.model === 'lcm' ? 'LCM' : 'Peak'} fits of a session's windows in the worker pool`,
    fitsPerRun,
    measurements,
    scalingEfficiency: scalingEfficiency(measurements),
    note: 'fitting only: averages of raw transients prepared beforehand (not aligned, residual water kept); threads warmed before timing',
  };
}

/** A single-visit manifest around one file, for running the real session pipeline on it. */
export interface SessionSetup {
  manifest: StudyManifest;
  job: SessionJob;
  basis: BasisSource | null;
}

/** One whole session through `processSession`: read → align → reject → windows → fits, in the pool. */
export async function benchmarkSession(pools: PoolsByWorkers, setup: SessionSetup, repeat: RepeatOptions): Promise<BenchmarkCase> {
  const { measurements, fitsPerRun } = await acrossWorkerCounts(pools.keys(), repeat, async (workers) => {
    const context = { manifest: setup.manifest, pool: poolFor(pools, workers), jobs: workers, resolvePath: (path: string) => path, basisFor: () => setup.basis };
    const outcome = await processSession(setup.job, context);
    return outcome.windowFits.filter((fit) => fit !== null).length + 1;
  });
  const { windowTransients, stepTransients, model } = setup.manifest.analysis;
  return {
    id: 'session',
    title: 'Whole session (read → align → windows → fits)',
    fitsPerRun,
    measurements,
    scalingEfficiency: scalingEfficiency(measurements),
    note: `${model} model, windows of ${windowTransients} every ${stepTransients}; per fit = session time / fits; threads warmed before timing`,
  };
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
