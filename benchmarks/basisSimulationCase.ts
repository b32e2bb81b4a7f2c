import { measurementOf, scalingEfficiency, type BenchmarkCase } from '../src/bench/benchmarkCase.js';
import { PeakMemorySampler } from '../src/bench/peakMemory.js';
import type { BasisSimulationOptions } from '../src/basis/simulateBasis.js';
import { simulateBasisWithJobs } from '../src/pipeline/simulateBasisParallel.js';

/** A full basis (19 metabolites + 5 MM) with the default shaped PRESS pulses, 30 positions per slice. */
const SHAPED_PRESS: BasisSimulationOptions = {
  sequence: 'press',
  echoTimeS: 0.03,
  spectrometerFrequencyMHz: 123.2,
  points: 2048,
  dwellTimeS: 1 / 4000,
  shapedPulses: {},
};

/**
 * `glutrace basis --pulses shaped` without the file writing: 1 worker on the main thread, more through a pool
 * started for the run (its thread start-up and JIT warm-up counted, as the CLI pays them). Worker counts
 * interleave run by run.
 */
export async function shapedBasisCase(workerCounts: readonly number[], repeats: number): Promise<BenchmarkCase> {
  const times = new Map(workerCounts.map((workers) => [workers, [] as number[]]));
  const peakRssMB = new Map(workerCounts.map((workers) => [workers, 0]));
  let entries = 0;
  for (let i = 0; i < repeats; i++) {
    for (const workers of workerCounts) {
      const memory = new PeakMemorySampler();
      const started = performance.now();
      entries = (await simulateBasisWithJobs(SHAPED_PRESS, workers)).names.length;
      times.get(workers)!.push(performance.now() - started);
      peakRssMB.set(workers, Math.max(peakRssMB.get(workers)!, memory.stop()));
    }
  }
  const measurements = workerCounts.map((workers) => measurementOf(workers, times.get(workers)!, null, peakRssMB.get(workers)!));
  return {
    id: 'basis-shaped-press',
    title: 'Basis simulation, shaped PRESS',
    fitsPerRun: null,
    measurements,
    scalingEfficiency: scalingEfficiency(measurements),
    note: `${entries} entries × ${SHAPED_PRESS.points} points, TE 30 ms, 123.2 MHz, 5.2 ms Hann-sinc refocusing, 30 positions per slice; one task per spin fragment, costliest first`,
  };
}
